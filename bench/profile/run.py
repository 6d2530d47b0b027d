"""Where a page's time goes, page kind by page kind: cProfile of the store in process.

    .venv/bin/python bench/profile/run.py                     # every page kind, both visits
    .venv/bin/python bench/profile/run.py --pages release --visits first --top 40
    .venv/bin/python bench/profile/run.py --pages release --misses   # kept pages missed

Starts the sandbox as bench/pages/run.py does (demo catalogue) and runs the store's
production settings (DEBUG off, embedded disk cache, SQLite, static files collected) inside
this process, calling its WSGI application (bench/pages/wsgi.py) directly: no server
and no client in the profile. For each page kind it walks the same many URLs as the
page bench, once to fill the caches (the first view), then `--rounds` times under
cProfile, as a first visitor (no cookies) and as a signed-in shopper with a basket.
Prints the warm time per request and the functions that take it (own time, and
cumulative for the store's own code). With `--misses` no kept page is found
(catalogue/shared_pages.py): each request renders its page, as when the page's kept
copy has expired or nobody asked for that URL in the last seconds.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable

from bench.pages.run import api_client, make_shopper, prepare_store, start_sandbox, stop  # noqa: E402
from bench.pages.visitors import HEADERS, url_pools  # noqa: E402

OWN_CODE = r"(catalogue|checkout|accounts|storefront|sevendigital)/"


def wsgi_get(application, path: str, cookies: dict[str, str]) -> int:
    from django.test.client import RequestFactory

    path_info, _, query = path.partition("?")
    environ = RequestFactory()._base_environ(
        PATH_INFO=path_info,
        QUERY_STRING=query,
        REQUEST_METHOD="GET",
        HTTP_HOST=HEADERS["Host"],
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_COOKIE="; ".join(f"{k}={v}" for k, v in cookies.items()),
    )
    status = []
    body = application(environ, lambda code, headers, exc=None: status.append(code))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


def shopper_cookies(email: str, release_id: int) -> dict[str, str]:
    """A signed-in shopper's session with one release in the basket."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # the bench's ALLOWED_HOSTS
    client.force_login(get_user_model().objects.get(email=email))
    client.post("/basket/add/", {"release_id": release_id, "package_id": 2}, secure=True)
    client.get("/", secure=True)
    return {name: morsel.value for name, morsel in client.cookies.items() if morsel.value}


def profile(application, paths: list[str], cookies: dict, rounds: int, top: int) -> str:
    for path in paths:  # the first views: fill the caches
        status = wsgi_get(application, path, cookies)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    plain = timed(application, paths, cookies, rounds)
    bare = timed(application, ["/__bare__"] * len(paths), cookies, rounds)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(rounds):
        for path in paths:
            wsgi_get(application, path, cookies)
    profiler.disable()
    if os.environ.get("PROFILE_DUMP"):
        profiler.dump_stats(os.environ["PROFILE_DUMP"])
    per_request = (time.perf_counter() - started) / (rounds * len(paths)) * 1000
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    own = pstats.Stats(profiler, stream=out)
    own.sort_stats("cumulative").print_stats(OWN_CODE, top)
    from catalogue.templatetags.fragments import _kept

    kept = f"fragments kept: {len(_kept)}, {_kept.characters / 1e6:.1f} M characters of HTML"
    return (
        f"{plain:.2f} ms a request ({bare:.2f} ms the bare view, {bare / plain:.2f}x);"
        f" {per_request:.2f} ms under cProfile; {kept}\n{out.getvalue()}"
    )


def timed(application, paths: list[str], cookies: dict, rounds: int) -> float:
    """Milliseconds a request, the least of `rounds` walks of `paths` (no profiler)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for path in paths:
            wsgi_get(application, path, cookies)
        best = min(best, time.perf_counter() - started)
    return best / len(paths) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="home,release,artist,search,charts")
    parser.add_argument("--visits", default="first,shopper")
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--misses", action="store_true", help="no kept page is ever found")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        sandbox, api_url = start_sandbox(Path(tmp) / "sandbox")
        try:
            env = prepare_store(Path(tmp) / "store", api_url)
            shopper = make_shopper(env, Path(tmp))
            os.environ.update(env)
            from bench.pages.wsgi import application

            if args.misses:
                from catalogue import shared_pages

                shared_pages.kept_page = lambda key: None

            pools = url_pools(api_client(api_url), args.urls)
            release_id = int(pools["release"][0].split("/")[2])
            visits = {"first": {}, "shopper": shopper_cookies(shopper["email"], release_id)}
            for page in args.pages.split(","):
                for visit in args.visits.split(","):
                    paths = pools[page]
                    print(f"\n===== {page} ({len(paths)} URLs), {visit} visit =====", flush=True)
                    print(profile(application, paths, visits[visit], args.rounds, args.top))
        finally:
            stop(sandbox)


if __name__ == "__main__":
    main()
