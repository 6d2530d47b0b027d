"""A fault-injecting HTTP proxy between the store and the sandbox, for tests.

    proxy = FaultProxy("http://127.0.0.1:8001")   # the sandbox
    proxy.url                                      # point SEVENDIGITAL_API_URL here
    proxy.inject("reset", prefix="/1.2/user/purchase")
    proxy.hits("/1.2/user/purchase/basket")        # requests it saw for that path

Threaded and in-process, on an ephemeral port of 127.0.0.1. One request per
connection (the forwarded request says `Connection: close`, and so does every
answer), which is all the store's client needs. The `Host` header is passed on
unchanged, so the sandbox verifies OAuth signatures against the proxy's URL, the
one the store signed. Requests whose path starts with the fault's prefix get the
fault; all others pass through.

Modes:
- pass: forward, answer what the sandbox answered.
- latency: forward at once (the sandbox acts on it), answer `delay` seconds later.
- reset: forward, then reset the connection (TCP RST) instead of answering: the
  sandbox acted on a request whose answer the store never gets.
- 503: answer 503 with an HTML error page; nothing is forwarded.
- malformed: forward, answer with the body cut in half (a truncated XML document).
- 429: answer 429 with `Retry-After: 1`; nothing is forwarded.
- hang: accept, read the request, never answer, never forward.
"""

import socket
import struct
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

MODES = ("pass", "latency", "reset", "503", "malformed", "429", "hang")
ERROR_PAGE = b"<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>"
RATE_LIMITED = b"Rate limit exceeded: try again later"
IO_TIMEOUT = 30  # seconds a proxy thread waits on either side before giving up


@dataclass(frozen=True)
class Fault:
    mode: str = "pass"
    prefix: str = "/1.2/"
    delay: float = 3.0


def _read_request(client: socket.socket) -> bytes | None:
    """The whole request (head and Content-Length body); None if the client left."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def _with_header(head: bytes, name: bytes, value: bytes) -> bytes:
    """`head` with header `name` set to `value` (replacing any of that name)."""
    lines = head.split(b"\r\n")
    kept = [line for line in lines[1:] if line.partition(b":")[0].strip().lower() != name.lower()]
    return b"\r\n".join([lines[0], *kept, name + b": " + value])


def _response(status: bytes, body: bytes, content_type: bytes, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type + b"\r\n" + extra
        + b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
    )  # fmt: skip


def _truncated(response: bytes) -> bytes:
    head, _, body = response.partition(b"\r\n\r\n")
    cut = body[: len(body) // 2]
    return _with_header(head, b"Content-Length", str(len(cut)).encode()) + b"\r\n\r\n" + cut


def _reset(client: socket.socket) -> None:
    """Close with a TCP RST rather than an orderly FIN (SO_LINGER with zero timeout)."""
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


class FaultProxy:
    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.fault = Fault()
        self._seen: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    # --- what tests call ----------------------------------------------------------------

    def inject(self, mode: str, *, prefix: str = "/1.2/", delay: float = 3.0) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown fault mode {mode!r}")
        self.fault = Fault(mode, prefix, delay)

    def heal(self) -> None:
        self.fault = Fault()

    def hits(self, prefix: str = "/") -> int:
        """How many requests for a path starting with `prefix` reached the proxy."""
        with self._lock:
            return sum(1 for _, path in self._seen if path.startswith(prefix))

    def seen(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._seen)

    def forget(self) -> None:
        with self._lock:
            self._seen.clear()

    def stop(self) -> None:
        """Stop accepting, and close every connection still held (hanging ones too)."""
        self._stopping.set()
        self._listener.close()
        with self._lock:
            for held in list(self._open):
                held.close()

    # --- serving ------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:  # the listener was closed: stop
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(IO_TIMEOUT)
        with self._lock:
            self._open.add(client)
        try:
            request = _read_request(client)
            if request is not None:
                self._answer(client, request)
        except OSError:
            pass  # the store gave up (its timeout) or the proxy is stopping
        finally:
            with self._lock:
                self._open.discard(client)
            client.close()

    def _answer(self, client: socket.socket, request: bytes) -> None:
        method, path = request.split(b" ", 2)[:2]
        path = path.decode("latin-1").split("?", 1)[0]
        with self._lock:
            self._seen.append((method.decode("latin-1"), path))
        fault = self.fault
        mode = fault.mode if path.startswith(fault.prefix) else "pass"
        if mode == "hang":
            self._stopping.wait(IO_TIMEOUT)
        elif mode == "503":
            client.sendall(_response(b"503 Service Unavailable", ERROR_PAGE, b"text/html"))
        elif mode == "429":
            extra = b"Retry-After: 1\r\n"
            client.sendall(_response(b"429 Too Many Requests", RATE_LIMITED, b"text/plain", extra))
        else:
            self._forward(client, request, mode, fault.delay)

    def _forward(self, client: socket.socket, request: bytes, mode: str, delay: float) -> None:
        head, _, body = request.partition(b"\r\n\r\n")
        head = _with_header(head, b"Connection", b"close")
        with socket.create_connection(self.upstream, timeout=IO_TIMEOUT) as upstream:
            upstream.sendall(head + b"\r\n\r\n" + body)
            response = b"".join(iter(lambda: upstream.recv(65536), b""))
        if mode == "reset":
            _reset(client)
            return
        if mode == "latency" and self._stopping.wait(delay):
            return
        client.sendall(_truncated(response) if mode == "malformed" else response)
