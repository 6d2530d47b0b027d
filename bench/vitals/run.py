"""Web Vitals of the release page in a real browser on a throttled mid-range phone.

    .venv/bin/python bench/vitals/run.py
    .venv/bin/python bench/vitals/run.py --runs 9 --cpu 4 --latency 150 --down-kbps 1600

Starts the sandbox and the store as bench/pages/run.py does (production settings,
gunicorn, static files through WhiteNoise, cover art from the sandbox's media), then
opens a release page in the system Chromium (Playwright) with a phone's viewport and,
through the DevTools protocol, its CPU slowed down (`Emulation.setCPUThrottlingRate`)
and a slow 4G network (`Network.emulateNetworkConditions`; the defaults are
Lighthouse's mobile ones: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU).
Each run is a first visit in a new browser context (no cookies, empty HTTP cache),
then a repeat view of the same page in that context. Prints the median TTFB
(navigation timing's responseStart) and LCP (the last largest-contentful-paint
entry before any input), what the LCP element was, and checks the cover: width and
height set, not lazy, fetchpriority high.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable

from bench.pages.run import api_client, start_sandbox, start_store, stop  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 2.625}
WATCH_LCP = """
window.__lcp = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__lcp = {time: entry.startTime, tag: entry.element && entry.element.tagName,
                    url: entry.url, size: entry.size};
  }
}).observe({type: "largest-contentful-paint", buffered: true});
"""
MEASURE = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const cover = document.querySelector(".detail__art img");
  return {
    ttfb: nav.responseStart - nav.startTime,
    lcp: window.__lcp,
    cover: cover && {width: cover.getAttribute("width"), height: cover.getAttribute("height"),
                     loading: cover.getAttribute("loading"),
                     priority: cover.getAttribute("fetchpriority"),
                     top: cover.getBoundingClientRect().top},
  };
}
"""


def throttle(page, args: argparse.Namespace) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu})
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": args.latency,
            "downloadThroughput": args.down_kbps * 1000 / 8,
            "uploadThroughput": args.up_kbps * 1000 / 8,
        },
    )


def visit(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # LCP settles after the last image paints
    return page.evaluate(MEASURE)


def measure(url: str, args: argparse.Namespace) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    seen: dict[str, list[dict]] = {"first visit": [], "repeat view": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(args.runs):
                context = browser.new_context(**PHONE, is_mobile=True, has_touch=True)
                context.add_init_script(WATCH_LCP)
                page = context.new_page()
                throttle(page, args)
                seen["first visit"].append(visit(page, url))
                seen["repeat view"].append(visit(page, url))
                context.close()
        finally:
            browser.close()
    return seen


def report(url: str, seen: dict[str, list[dict]], args: argparse.Namespace) -> int:
    print(f"\n{url}: {args.runs} runs, CPU x{args.cpu}, {args.latency} ms RTT, ", end="")
    print(f"{args.down_kbps} kbit/s down, {args.up_kbps} kbit/s up, 412x823 @2.625\n")
    print("| visit | TTFB median ms | TTFB max ms | LCP median ms | LCP max ms | LCP element |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for kind, runs in seen.items():
        ttfb = [run["ttfb"] for run in runs]
        lcp = [run["lcp"]["time"] for run in runs if run["lcp"]]
        element = runs[-1]["lcp"] or {}
        print(
            f"| {kind} | {statistics.median(ttfb):.0f} | {max(ttfb):.0f} "
            f"| {statistics.median(lcp):.0f} | {max(lcp):.0f} "
            f"| {element.get('tag')} {(element.get('url') or '').rsplit('/', 1)[-1]} |"
        )
    cover = seen["first visit"][-1]["cover"]
    print(f"\ncover image: {cover}")
    ok = (
        cover is not None
        and cover["width"]
        and cover["height"]
        and cover["loading"] != "lazy"
        and cover["top"] < PHONE["viewport"]["height"]
    )
    if not ok:
        print("FAILED: the cover needs width/height and must not be lazy above the fold")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown factor")
    parser.add_argument("--latency", type=int, default=150, help="round trip, ms")
    parser.add_argument("--down-kbps", type=int, default=1600)
    parser.add_argument("--up-kbps", type=int, default=750)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-vitals-") as tmp:
        sandbox, api_url = start_sandbox(Path(tmp) / "sandbox")
        store = None
        try:
            store, store_url, _ = start_store(Path(tmp) / "store", api_url, workers=2)
            top = api_client(api_url).get_release_chart(period="week", country="GB").items[0]
            url = f"{store_url}/release/{top.release.id}/"
            # One unmeasured run: the page's reads cached, as for every visitor but the
            # very first of the day.
            measure(url, argparse.Namespace(**{**vars(args), "runs": 1}))
            return report(url, measure(url, args), args)
        finally:
            for process in (store, sandbox):
                if process is not None:
                    stop(process)


if __name__ == "__main__":
    sys.exit(main())
