"""What a sign-up costs: N sign-ups through the real store and sandbox, per hasher.

    .venv/bin/python bench/signup/run.py            # 10 sign-ups each
    .venv/bin/python bench/signup/run.py --count 20

Two pairs of servers run side by side, as in production (gunicorn, DEBUG off, SQLite
files in a temporary folder, the sandbox with the tiny catalogue): the baseline with
PBKDF2 first (bench/signup/baseline_settings.py, Django's default before this
change) and the project's settings (Argon2id at OWASP's parameters first,
storefront/hashers.py). Sign-ups alternate between the two so both see the same
machine load. Each one is the browser's: GET the form, POST
email and password twice; the store hashes the password, creates the 7digital user
(the sandbox hashes it too) and signs the shopper in (no confirmation email: there
is no mail server here). Reported per configuration:
median and p90 wall time of the POST, and the median server CPU it took (user+system
time of both servers' gunicorn processes, read from /proc before and after).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.load import pageparse  # noqa: E402
from bench.load import run as load  # noqa: E402  (manage, serve, free_port, base_env)

PASSWORD = "signup-bench-Otter-42"
BASELINE = "bench.signup.baseline_settings"
STORE = "storefront.settings.production"
CONFIGURATIONS = {
    "PBKDF2 first (before)": {
        "store": {"DJANGO_SETTINGS_MODULE": BASELINE, "BENCH_BASE_SETTINGS": STORE},
        "sandbox": {"DJANGO_SETTINGS_MODULE": BASELINE, "BENCH_BASE_SETTINGS": "sandbox.settings"},
    },
    "Argon2id first (now)": {
        "store": {"DJANGO_SETTINGS_MODULE": STORE},
        "sandbox": {"DJANGO_SETTINGS_MODULE": "sandbox.settings"},
    },
}


def cpu_seconds(processes: list[subprocess.Popen]) -> float:
    """User+system CPU of the gunicorn masters and all their workers so far."""
    total = 0.0
    for process in processes:
        master = psutil.Process(process.pid)
        for each in [master, *master.children(recursive=True)]:
            times = each.cpu_times()
            total += times.user + times.system
    return total


def start_pair(work: Path, name: str, overrides: dict) -> tuple[list[subprocess.Popen], str]:
    """A sandbox and a store wired to it, both under gunicorn; (processes, store URL)."""
    folder = work / uuid.uuid4().hex[:8]
    sandbox_var, store_var = folder / "sandbox", folder / "store"
    sandbox_var.mkdir(parents=True)
    store_var.mkdir(parents=True)
    sandbox_env = {**load.base_env(sandbox_var), **overrides["sandbox"]}
    sandbox_env |= {"SANDBOX_DATABASE_URL": f"sqlite:///{sandbox_var / 'sandbox.sqlite3'}"}
    sandbox_env |= {"SANDBOX_CONSUMER_KEY": load.KEY, "SANDBOX_CONSUMER_SECRET": load.SECRET}
    sandbox_env["SANDBOX_RATE_LIMIT"] = str(10**9)
    print(f"{name}: sandbox migrate, tiny catalogue; store migrate...", flush=True)
    load.manage(sandbox_env, "migrate", "--noinput")
    load.manage(sandbox_env, "generate_catalogue", "--size", "tiny", "--seed", "7", "--quiet")
    sandbox_port = load.free_port()
    sandbox = load.serve(sandbox_env, "sandbox.wsgi", sandbox_port, folder / "sandbox.log")
    store_env = {**load.base_env(store_var), **overrides["store"]}
    store_env |= {"SEVENDIGITAL_API_URL": f"http://127.0.0.1:{sandbox_port}/1.2"}
    store_env["SEVENDIGITAL_CONSUMER_KEY"] = load.KEY
    store_env["SEVENDIGITAL_CONSUMER_SECRET"] = load.SECRET
    store_env["DATABASE_URL"] = f"sqlite:///{store_var / 'store.sqlite3'}"
    # No mail server here: the confirmation email is not what is measured.
    store_env["ACCOUNT_EMAIL_VERIFICATION"] = "none"
    load.manage(store_env, "migrate", "--noinput")
    load.manage(store_env, "collectstatic", "--noinput")
    store_port = load.free_port()
    store = load.serve(store_env, "storefront.wsgi", store_port, folder / "store.log")
    return [sandbox, store], f"http://127.0.0.1:{store_port}"


def sign_up(store_url: str) -> float:
    """One shopper's sign-up; the POST's wall time in seconds. Raises unless it worked."""
    session = requests.Session()
    # Production sits behind a TLS proxy: Django sees https and sets Secure cookies,
    # which a browser sends back (over https to the proxy; here plain HTTP).
    origin = "https://" + store_url.split("://", 1)[1]
    session.headers.update({"X-Forwarded-Proto": "https", "Origin": origin})
    form = session.get(f"{store_url}/accounts/signup/", timeout=60)
    form.raise_for_status()
    for cookie in session.cookies:
        cookie.secure = False
    email = f"signup-{uuid.uuid4().hex[:12]}@example.com"
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    data["csrfmiddlewaretoken"] = pageparse.csrf_token(form.text) or ""
    started = time.perf_counter()
    answer = session.post(
        f"{store_url}/accounts/signup/", data=data, allow_redirects=False, timeout=120
    )
    took = time.perf_counter() - started
    if answer.status_code != 302:
        raise RuntimeError(f"sign-up answered {answer.status_code}: {answer.text[:300]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="sign-ups per configuration")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="signup-bench-"))
    servers: dict[str, tuple[list[subprocess.Popen], str]] = {}
    wall: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    cpu: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    try:
        for name, overrides in CONFIGURATIONS.items():
            servers[name] = start_pair(work, name, overrides)
            sign_up(servers[name][1])  # warm: imports, first connections
        for _ in range(args.count):
            for name, (processes, url) in servers.items():
                before = cpu_seconds(processes)
                wall[name].append(sign_up(url))
                cpu[name].append(cpu_seconds(processes) - before)
    except Exception:
        for log in sorted(work.rglob("*.log")):  # the servers' side of the story
            print(f"--- {log.relative_to(work)}", *log.read_text().splitlines()[-30:], sep="\n")
        raise
    finally:
        for processes, _ in servers.values():
            for process in processes:
                process.terminate()
                process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{args.count} sign-ups each, alternating; load average {load_average}")
    print(f"{'configuration':<24} {'wall median':>12} {'wall p90':>9} {'server CPU median':>18}")
    for name in CONFIGURATIONS:
        p90 = statistics.quantiles(wall[name], n=10)[-1] if len(wall[name]) > 1 else wall[name][0]
        print(
            f"{name:<24} {statistics.median(wall[name]) * 1000:>9,.0f} ms {p90 * 1000:>6,.0f} ms"
            f" {statistics.median(cpu[name]) * 1000:>15,.0f} ms"
        )
    before, now = (statistics.median(wall[name]) for name in CONFIGURATIONS)
    print(f"ratio (before / now, median wall): {before / now:.1f}x")


if __name__ == "__main__":
    main()
