"""Measure reports/dashboard.html in headless Chromium: file size, first render, render per filter change.

    .venv/bin/python scripts/measure_dashboard.py reports/dashboard.html [--runs 3]

Times are the page's own (performance.now() from the start of a render until every chart is drawn,
in document.body.dataset.renderMs) plus, for the first render, navigation start to the first
completed render. A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"


def _renders(page: Page) -> int:
    return int(page.evaluate("Number(document.body.dataset.renders || 0)"))


def _change(page: Page, action: str, selector: str, value: str | list[str]) -> float:
    before = _renders(page)
    if action == "select":
        page.select_option(selector, value)
    else:
        page.fill(selector, str(value))
    page.wait_for_function(f"Number(document.body.dataset.renders || 0) > {before}")
    return float(page.evaluate("Number(document.body.dataset.renderMs)"))


def measure(path: Path, runs: int) -> None:
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")
    first, first_total, changes = [], [], {}
    steps = [
        ("market", "select", "#f-market", ["london", "new_york"]),
        ("seniority", "select", "#f-seniority", ["senior"]),
        ("from", "select", "#f-from", "2025-12"),
        ("to", "select", "#f-to", "2026-01"),
        ("search", "fill", "#f-q", "pytorch"),
        ("clear search", "fill", "#f-q", ""),
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.resolve().as_uri())
            page.wait_for_function("Number(document.body.dataset.renders || 0) >= 1")
            first.append(float(page.evaluate("Number(document.body.dataset.renderMs)")))
            first_total.append(float(page.evaluate("Number(document.body.dataset.readyAt)")))
            for name, action, selector, value in steps:
                changes.setdefault(name, []).append(_change(page, action, selector, value))
            page.close()
        browser.close()
    print(f"first render (script start to all charts drawn): median {statistics.median(first):.0f} ms")
    print(
        f"navigation start to measured (includes parsing the file): {statistics.median(first_total):.0f} ms"
    )
    for name, values in changes.items():
        print(f"filter change {name:>13}: median {statistics.median(values):.0f} ms (max {max(values):.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dashboard", type=Path, nargs="?", default=Path("reports/dashboard.html"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    measure(args.dashboard, args.runs)


if __name__ == "__main__":
    main()
