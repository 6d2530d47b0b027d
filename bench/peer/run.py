#!/usr/bin/env python3
"""peer-bench runner: HTTP throughput/latency of several web targets, side by
side, in one run, on loopback.

Each target (see targets.json) is a name, a start command that serves on a
given port, and a list of URL paths. The runner starts every target under the
same gunicorn settings, checks and warms every URL, then loads each URL in
turn for a fixed duration, interleaved over several rounds, and prints one
table with medians and each page's throughput relative to the baseline page
measured in the same rounds. Standard library only; run with any python3.

    python3 run.py                       # defaults: 10 s x 16 connections x 3 rounds
    python3 run.py --duration 5 --rounds 1 --only oscar-4.2
    python3 run.py --loadgen python      # force the Python load generator
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # loopback only, by design: there is no option to change it

WRK_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "PEERBENCH {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d," ..
    "\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d," ..
    "\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
"""


def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------
class Target:
    def __init__(self, spec: dict, base_dir: Path):
        for key in ("name", "command", "paths"):
            if key not in spec:
                raise SystemExit(f"target {spec!r}: missing {key!r}")
        self.name: str = spec["name"]
        self.command = spec["command"]
        self.paths: list[str] = list(spec["paths"])
        for p in self.paths:
            if not p.startswith("/"):
                raise SystemExit(f"target {self.name}: path {p!r} must start with '/'")
        cwd = spec.get("cwd", ".")
        self.cwd = (base_dir / cwd).resolve() if not os.path.isabs(cwd) else Path(cwd)
        self.env: dict = spec.get("env", {})
        self.version_command = spec.get("version_command")
        self.ready_timeout = float(spec.get("ready_timeout", 90))
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.logfile: Path | None = None
        self.version = ""

    def argv(self, subst: dict) -> list[str]:
        if isinstance(self.command, str):
            return shlex.split(self.command.format(**subst))
        out: list[str] = []
        for part in self.command:
            if part == "{gunicorn_args}":
                out.extend(shlex.split(subst["gunicorn_args"]))
            else:
                out.append(part.format(**subst))
        return out


def load_config(path: Path) -> tuple[list[Target], tuple[str, str] | None]:
    data = json.loads(path.read_text())
    targets = [Target(t, path.parent) for t in data["targets"]]
    names = [t.name for t in targets]
    if len(set(names)) != len(names):
        raise SystemExit(f"duplicate target names in {path}")
    base = data.get("baseline")
    return targets, ((base["target"], base["path"]) if base else None)


# --------------------------------------------------------------------------
# processes
# --------------------------------------------------------------------------
def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
            return True
        except OSError:
            return False


def pick_ports(n: int, start: int) -> list[int]:
    ports, p = [], start
    while len(ports) < n:
        if p > 65000:
            raise SystemExit("no free ports")
        if port_is_free(p):
            ports.append(p)
        p += 1
    return ports


def descendants(pid: int) -> list[int]:
    """PIDs of all live descendants of pid (from /proc), children first."""
    out: list[int] = []
    todo = [pid]
    while todo:
        cur = todo.pop()
        try:
            kids = Path(f"/proc/{cur}/task/{cur}/children").read_text().split()
        except OSError:
            kids = []
        for k in map(int, kids):
            out.append(k)
            todo.append(k)
    return out


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not alive for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def start_target(t: Target, subst: dict, env: dict, logdir: Path) -> None:
    argv = t.argv(subst)
    exe = argv[0]
    if not (os.path.isabs(exe) and os.access(exe, os.X_OK)) and not shutil.which(exe):
        raise SystemExit(
            f"target {t.name}: {exe!r} not found or not executable (run setup.sh first?)"
        )
    t.logfile = logdir / f"{t.name}.log"
    child_env = dict(env)
    child_env.update({k: str(v).format(**subst) for k, v in t.env.items()})
    fh = open(t.logfile, "w")
    fh.write(f"# cwd: {t.cwd}\n# argv: {shlex.join(argv)}\n")
    fh.flush()
    t.proc = subprocess.Popen(
        argv,
        cwd=t.cwd,
        env=child_env,
        stdout=fh,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    fh.close()
    log(f"  started {t.name}: pid {t.proc.pid}, http://{HOST}:{t.port}  (log {t.logfile})")


def http_get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"User-Agent": "peer-bench", "Accept": "*/*"})
        r = conn.getresponse()
        return r.status, r.read(), dict(r.getheaders())
    finally:
        conn.close()


def wait_ready(t: Target) -> None:
    deadline = time.monotonic() + t.ready_timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if t.proc.poll() is not None:
            raise SystemExit(
                f"target {t.name} exited with code {t.proc.returncode}:\n{tail(t.logfile)}"
            )
        try:
            status, _, _ = http_get(t.port, t.paths[0], timeout=10)
            if status < 500:
                return
            last = f"HTTP {status}"
        except OSError as e:
            last = str(e)
        time.sleep(0.3)
    raise SystemExit(
        f"target {t.name} not ready after {t.ready_timeout:.0f}s ({last}):\n{tail(t.logfile)}"
    )


def stop_target(t: Target) -> None:
    """Stop the server we started, by PID: SIGTERM to its master, then SIGKILL
    to any of its processes (recorded beforehand) still alive."""
    if t.proc is None or t.proc.poll() is not None:
        return
    pid = t.proc.pid
    family = descendants(pid)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    try:
        t.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(pid, signal.SIGKILL)
        t.proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while any(alive(p) for p in family) and time.monotonic() < deadline:
        time.sleep(0.1)
    for p in family:
        if alive(p):
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
    left = [p for p in [pid, *family] if alive(p)]
    log(
        f"  stopped {t.name} (pid {pid} and {len(family)} worker(s)){'; STILL ALIVE: ' + str(left) if left else ''}"
    )


def tail(path: Path | None, n: int = 25) -> str:
    if not path or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-n:])


# --------------------------------------------------------------------------
# load generators: each returns a dict with rps, p50_ms, p99_ms, errors, ...
# --------------------------------------------------------------------------
class Wrk:
    name = "wrk"

    def __init__(self, threads: int, timeout_s: int):
        self.threads, self.timeout_s = threads, timeout_s
        fd, self.script = tempfile.mkstemp(prefix="peer-bench-", suffix=".lua")
        with os.fdopen(fd, "w") as f:
            f.write(WRK_LUA)
        v = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        self.version = (v.stdout + v.stderr).strip().splitlines()[0]

    def close(self) -> None:
        os.unlink(self.script)

    def run(self, port: int, path: str, duration: float, conns: int) -> dict:
        argv = [
            "wrk",
            f"-t{min(self.threads, conns)}",
            f"-c{conns}",
            f"-d{duration:g}s",
            "--timeout",
            f"{self.timeout_s}s",
            "-s",
            self.script,
            f"http://{HOST}:{port}{path}",
        ]
        p = subprocess.run(
            argv, capture_output=True, text=True, timeout=duration + self.timeout_s + 30
        )
        line = next((l for l in p.stdout.splitlines() if l.startswith("PEERBENCH ")), None)
        if p.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({p.returncode}): {p.stdout[-500:]} {p.stderr[-500:]}")
        d = json.loads(line[len("PEERBENCH ") :])
        secs = d["duration_us"] / 1e6
        return {
            "requests": d["requests"],
            "seconds": secs,
            "rps": d["requests"] / secs,
            "p50_ms": d["p50_us"] / 1000,
            "p90_ms": d["p90_us"] / 1000,
            "p99_ms": d["p99_us"] / 1000,
            "max_ms": d["max_us"] / 1000,
            "errors": d["connect"] + d["read"] + d["write"] + d["status"] + d["timeout"],
            "error_detail": {k: d[k] for k in ("connect", "read", "write", "status", "timeout")},
        }


class PyLoad:
    """Fallback closed-loop load generator (asyncio, HTTP/1.1, keep-alive when the
    server allows it, reconnect when it closes). Latency is timed from sending the
    request to the end of the body, like wrk. It uses more CPU than wrk, and on a
    2-core machine it competes with the servers: compare ratios, not absolutes."""

    name = "python-asyncio"
    version = f"python {platform.python_version()} asyncio"

    def __init__(self, timeout_s: int):
        self.timeout_s = timeout_s

    def close(self) -> None:
        pass

    def run(self, port: int, path: str, duration: float, conns: int) -> dict:
        return asyncio.run(self._run(port, path, duration, conns))

    async def _run(self, port, path, duration, conns):
        lat: list[float] = []
        err = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
        req = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            "User-Agent: peer-bench\r\nAccept: */*\r\n\r\n"
        ).encode()
        t_start = time.perf_counter()
        deadline = t_start + duration
        await asyncio.gather(*(self._conn(port, req, deadline, lat, err) for _ in range(conns)))
        secs = time.perf_counter() - t_start
        lat.sort()

        def pct(q):
            return (
                lat[max(0, min(len(lat) - 1, int(q * len(lat) + 0.999999) - 1))] * 1000
                if lat
                else float("nan")
            )

        return {
            "requests": len(lat) + err["status"],
            "seconds": secs,
            "rps": (len(lat) + err["status"]) / secs,
            "p50_ms": pct(0.50),
            "p90_ms": pct(0.90),
            "p99_ms": pct(0.99),
            "max_ms": lat[-1] * 1000 if lat else float("nan"),
            "errors": sum(err.values()),
            "error_detail": err,
        }

    async def _conn(self, port, req, deadline, lat, err):
        reader = writer = None
        while time.perf_counter() < deadline:
            if writer is None:
                try:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(HOST, port), self.timeout_s
                    )
                except (TimeoutError, OSError):
                    err["connect"] += 1
                    await asyncio.sleep(0.01)
                    continue
            t0 = time.perf_counter()
            try:
                writer.write(req)
                await writer.drain()
            except OSError:
                err["write"] += 1
                writer = await self._close(writer)
                continue
            try:
                status, keep = await asyncio.wait_for(self._response(reader), self.timeout_s)
            except TimeoutError:
                err["timeout"] += 1
                writer = await self._close(writer)
                continue
            except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                err["read"] += 1
                writer = await self._close(writer)
                continue
            if status >= 400:
                err["status"] += 1
            else:
                lat.append(time.perf_counter() - t0)
            if not keep:
                writer = await self._close(writer)
        if writer is not None:
            await self._close(writer)

    @staticmethod
    async def _close(writer):
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return None

    @staticmethod
    async def _response(reader):
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = {}
        for l in lines[1:]:
            if ":" in l:
                k, v = l.split(":", 1)
                headers[k.strip().lower()] = v.strip().lower()
        keep = version == "HTTP/1.1" and headers.get("connection") != "close"
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        elif "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        else:
            await reader.read()  # body until EOF
            keep = False
        return int(status), keep


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--config", default=str(HERE / "targets.json"))
    ap.add_argument(
        "--only", help="comma-separated target names (the baseline target is always kept)"
    )
    ap.add_argument("--duration", type=float, default=10, help="seconds per measurement (10)")
    ap.add_argument("--connections", type=int, default=16, help="concurrent connections (16)")
    ap.add_argument(
        "--threads", type=int, default=1, help="wrk threads (1: leave the CPUs to the servers)"
    )
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds over all URLs (3)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers per target (2)")
    ap.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync)")
    ap.add_argument(
        "--warmup-requests",
        type=int,
        default=10,
        help="sequential GETs per URL before loading (10)",
    )
    ap.add_argument(
        "--warmup-seconds", type=float, default=3, help="discarded load burst per URL (3)"
    )
    ap.add_argument(
        "--pause", type=float, default=1.0, help="seconds of quiet between measurements (1)"
    )
    ap.add_argument("--timeout", type=int, default=30, help="per-request timeout in seconds (30)")
    ap.add_argument("--loadgen", choices=["auto", "wrk", "python"], default="auto")
    ap.add_argument("--base-port", type=int, default=18080)
    ap.add_argument("--home", default=os.environ.get("PEER_BENCH_HOME", "/tmp/peer-bench"))
    args = ap.parse_args()

    home = Path(args.home).resolve()
    if (
        subprocess.run(["git", "-C", str(home.parent), "rev-parse"], capture_output=True).returncode
        == 0
    ):
        raise SystemExit(f"refusing: --home {home} is inside a git repo")
    targets, baseline = load_config(Path(args.config).resolve())
    if baseline is None:
        baseline = (targets[0].name, targets[0].paths[0])
    if args.only:
        keep = set(args.only.split(",")) | {baseline[0]}
        unknown = keep - {t.name for t in targets}
        if unknown:
            raise SystemExit(f"unknown target(s): {', '.join(sorted(unknown))}")
        targets = [t for t in targets if t.name in keep]
    if not any(t.name == baseline[0] and baseline[1] in t.paths for t in targets):
        raise SystemExit(f"baseline {baseline} is not one of the targets' URLs")

    if args.loadgen in ("auto", "wrk") and shutil.which("wrk"):
        gen = Wrk(args.threads, args.timeout)
    elif args.loadgen == "wrk":
        raise SystemExit(
            "wrk not found: apt-get update && apt-get install -y wrk (or --loadgen python)"
        )
    else:
        gen = PyLoad(args.timeout)

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    logdir = home / "logs" / stamp
    logdir.mkdir(parents=True, exist_ok=True)
    resdir = home / "results"
    resdir.mkdir(parents=True, exist_ok=True)

    env = dict(os.environ)
    env.update(
        {
            "PEER_BENCH_HOME": str(home),
            "PYTHONPYCACHEPREFIX": str(home / "pycache"),  # keep bytecode out of the repo
            "PYTHONUNBUFFERED": "1",
        }
    )

    for t, port in zip(targets, pick_ports(len(targets), args.base_port), strict=False):
        t.port = port

    cpu = next(
        (
            l.split(":", 1)[1].strip()
            for l in Path("/proc/cpuinfo").read_text().splitlines()
            if l.startswith("model name")
        ),
        platform.machine(),
    )
    meta = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} CPUs, {cpu}, {platform.system()} {platform.release()}",
        "loadgen": gen.version,
        "duration_s": args.duration,
        "connections": args.connections,
        "wrk_threads": args.threads if gen.name == "wrk" else None,
        "rounds": args.rounds,
        "gunicorn": f"{args.workers} x {args.worker_class} workers",
        "baseline": f"{baseline[0]} {baseline[1]}",
    }
    log("peer-bench " + json.dumps(meta))
    if gen.name != "wrk":
        log(
            "NOTE: wrk not used; the Python load generator shares the CPUs with the servers: compare ratios only"
        )

    results: dict[tuple[str, str], list[dict]] = {}
    sizes: dict[tuple[str, str], int] = {}

    def handle_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handle_signal)
    signal.signal(signal.SIGHUP, handle_signal)
    rc = 0
    try:
        log("starting targets")
        for t in targets:
            subst = {
                "home": str(home),
                "here": str(HERE),
                "host": HOST,
                "port": t.port,
                "workers": args.workers,
                "worker_class": args.worker_class,
            }
            subst["gunicorn_args"] = (
                f"--bind {HOST}:{t.port} --workers {args.workers} --worker-class {args.worker_class} "
                f"--timeout {max(60, args.timeout * 2)} --log-level warning"
            )
            if t.version_command:
                vc = t.version_command.format(**subst)
                venv = dict(env)
                venv.update({k: str(v).format(**subst) for k, v in t.env.items()})
                v = subprocess.run(
                    vc, shell=True, capture_output=True, text=True, cwd=t.cwd, env=venv
                )
                t.version = " ".join((v.stdout or v.stderr).split())[:200]
            start_target(t, subst, env, logdir)
        for t in targets:
            wait_ready(t)
            log(f"  {t.name} ready: {t.version}")

        log("checking and warming URLs")
        for t in targets:
            for path in t.paths:
                for _i in range(max(1, args.warmup_requests)):
                    status, body, headers = http_get(t.port, path, timeout=args.timeout)
                    if status != 200:
                        loc = headers.get("Location", "")
                        raise SystemExit(
                            f"{t.name} {path}: HTTP {status}{' -> ' + loc if loc else ''} (need 200)\n"
                            f"{body[:300]!r}\n{tail(t.logfile)}"
                        )
                sizes[(t.name, path)] = len(body)
                if args.warmup_seconds > 0:
                    w = gen.run(t.port, path, args.warmup_seconds, args.connections)
                    note = f", {w['errors']} errors {w['error_detail']}" if w["errors"] else ""
                    log(
                        f"  {t.name} {path}: 200, {len(body)} bytes; warm burst {w['rps']:.1f} req/s{note}"
                    )

        plan = [(t, p) for t in targets for p in t.paths]
        log(
            f"measuring: {len(plan)} URLs x {args.rounds} rounds x {args.duration:g}s "
            f"(order reversed on even rounds)"
        )
        for r in range(args.rounds):
            order = plan if r % 2 == 0 else plan[::-1]
            for t, path in order:
                time.sleep(args.pause)
                if t.proc.poll() is not None:
                    raise SystemExit(
                        f"{t.name} died (code {t.proc.returncode}):\n{tail(t.logfile)}"
                    )
                m = gen.run(t.port, path, args.duration, args.connections)
                m["round"] = r + 1
                results.setdefault((t.name, path), []).append(m)
                note = f"  ERRORS {m['error_detail']}" if m["errors"] else ""
                log(
                    f"  [{r + 1}/{args.rounds}] {t.name:<14} {path:<40} {m['rps']:9.1f} req/s"
                    f"  p50 {m['p50_ms']:8.1f} ms  p99 {m['p99_ms']:8.1f} ms{note}"
                )
    except KeyboardInterrupt as e:
        log(f"interrupted ({e}); stopping targets")
        rc = 130
    finally:
        log("stopping targets")
        for t in targets:
            try:
                stop_target(t)
            except Exception as e:  # keep stopping the others
                log(f"  could not stop {t.name}: {e}")
        gen.close()
    if rc or not results:
        return rc or 1

    # ---- report
    base = results[baseline]
    rows = []
    for t in targets:
        for path in t.paths:
            ms = results[(t.name, path)]
            ratios = [m["rps"] / b["rps"] for m, b in zip(ms, base, strict=False)]
            rows.append(
                {
                    "target": t.name,
                    "path": path,
                    "bytes": sizes[(t.name, path)],
                    "rps_median": statistics.median(m["rps"] for m in ms),
                    "rps_min": min(m["rps"] for m in ms),
                    "rps_max": max(m["rps"] for m in ms),
                    "p50_ms": statistics.median(m["p50_ms"] for m in ms),
                    "p99_ms": statistics.median(m["p99_ms"] for m in ms),
                    "ratio_to_baseline": statistics.median(ratios),
                    "errors": sum(m["errors"] for m in ms),
                    "runs": ms,
                }
            )
    head = (
        f"| target | path | req/s median | req/s min-max | p50 ms | p99 ms | vs {baseline[0]} | errors | KiB |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for row in rows:
        lines.append(
            f"| {row['target']} | {row['path']} | {row['rps_median']:.1f} | "
            f"{row['rps_min']:.0f}-{row['rps_max']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
            f"{row['ratio_to_baseline']:.3f} | {row['errors']} | {row['bytes'] / 1024:.1f} |"
        )
    versions = "\n".join(f"- {t.name}: {t.version}" for t in targets if t.version)
    table = "\n".join(lines)
    summary = (
        f"peer-bench {meta['when']} on {meta['machine']}\n"
        f"load: {meta['loadgen']}, {args.connections} connections, {args.duration:g} s per run, "
        f"{args.rounds} interleaved rounds; gunicorn {meta['gunicorn']}; loopback {HOST}\n"
        f"medians over rounds; 'vs {baseline[0]}' = median of per-round req/s ratios to {meta['baseline']}\n"
        f"{versions}\n\n{table}\n"
    )
    print("\n" + summary)
    (resdir / f"{stamp}.md").write_text(summary)
    (resdir / f"{stamp}.json").write_text(
        json.dumps(
            {"meta": meta, "versions": {t.name: t.version for t in targets}, "rows": rows}, indent=2
        )
    )
    log(f"saved {resdir / stamp}.md and .json; server logs in {logdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
