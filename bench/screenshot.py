"""Screenshot a map HTML file in headless Chromium, with the network cut off.

Usage: python bench/screenshot.py map.html out.png [--width 1280] [--height 800]

Uses Debian's /usr/bin/chromium through Python Playwright (no browser
download). Every request that is not file:, data:, about: or blob: is
aborted and reported, so the picture shows what an air-gapped reader sees.
Exits 1 when the page requested the network or raised a JavaScript error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def screenshot(html: Path, out: Path, width: int = 1280, height: int = 800) -> list[str]:
    """Save a PNG of the page; return the problems seen (requests, JS errors)."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})

        def block(route):
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                problems.append(f"request: {route.request.url}")
                route.abort()

        page.route("**/*", block)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" else None)
        page.goto(html.resolve().as_uri(), wait_until="load")
        try:
            page.wait_for_function("window.geostrikes && window.geostrikes.ready",
                                   timeout=60_000)
        except Exception:  # noqa: BLE001 - a plain folium map has no readiness flag
            page.wait_for_timeout(1000)
        page.wait_for_timeout(300)  # let fitBounds' zoom animation settle
        page.screenshot(path=str(out))
        browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    problems = screenshot(args.html, args.out, args.width, args.height)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
