"""Open the report in headless Chromium.

No console messages, no network requests, charts drawn, screenshot saved.

Stdlib only: Chromium's --dump-dom, --screenshot, stderr console log and its NetLog (no DevTools socket).
The screenshot lands in test-output/report.png (git-ignored) for a person to look at.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rolegap.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "test-output" / "report.png"
CHART_IDS = ("chart-skills_gap", "chart-seniority_mix", "chart-salary_bands")
DRAWN = {"rect", "path", "line", "circle", "polygon", "polyline"}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="chromium is not installed (/usr/bin/chromium); CI installs it via .ci/run "
    "(apt-get install chromium)",
)


def _fixture_module():  # type: ignore[no-untyped-def]
    """The fake warehouse builder from test_report.py, loaded by path (works with or without packages)."""
    path = Path(__file__).with_name("test_report.py")
    spec = importlib.util.spec_from_file_location("_report_fixture", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _run(args: list[str], profile: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        # Nothing may leave the machine, whatever the page (or the browser itself) asks for.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _page_requests(netlog: Path) -> list[str]:
    """URLs of network requests the page started (browser housekeeping requests have no file:// origin)."""
    log = json.loads(netlog.read_text(encoding="utf-8", errors="replace") or "{}")
    start_job = log.get("constants", {}).get("logEventTypes", {}).get("URL_REQUEST_START_JOB")
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") == start_job and "file://" in str(params.get("network_isolation_key", "")):
            urls.append(str(params.get("url")))
    return urls


def _load(page: Path, tmp: Path, name: str) -> tuple[str, list[str], list[str]]:
    netlog = tmp / f"{name}.netlog.json"
    proc = _run(
        ["--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}", "--dump-dom", page.as_uri()],
        tmp / f"profile-{name}",
    )
    assert proc.returncode == 0, f"chromium failed ({proc.returncode}) on {page}:\n{proc.stderr[-3000:]}"
    return proc.stdout, _console_messages(proc.stderr), _page_requests(netlog)


class _SvgCounter(HTMLParser):
    """Counts drawing elements inside each <svg id=...> and records element names seen anywhere."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.tags: set[str] = set()
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "svg":
            self._stack.append(dict(attrs).get("id") or "")
            self.counts.setdefault(self._stack[-1], 0)
        elif self._stack and tag in DRAWN:
            self.counts[self._stack[-1]] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._stack:
            self._stack.pop()


def test_detectors_catch_console_output_and_requests(tmp_path: Path) -> None:
    """The checks below are only meaningful if they would fire: prove it on a page that misbehaves."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><title>bad</title><script>console.error("boom")</script>'
        '<img src="https://example.invalid/x.png" alt="">',
        encoding="utf-8",
    )
    _, console, requests = _load(bad, tmp_path, "bad")
    assert any("boom" in line for line in console), console
    assert any("example.invalid" in url for url in requests), requests


def test_report_renders_in_chromium(tmp_path: Path) -> None:
    fixture = _fixture_module()
    db = fixture.build_warehouse(tmp_path / "wh.duckdb")
    index = write_report(db=db, out_dir=tmp_path / "reports")

    dom, console, requests = _load(index, tmp_path, "report")
    assert console == [], "console messages while loading the report:\n" + "\n".join(console)
    assert requests == [], f"the report made network requests: {requests}"

    parser = _SvgCounter()
    parser.feed(dom)
    for chart_id in CHART_IDS:
        assert chart_id in parser.counts, f"{chart_id} missing from the rendered DOM"
        assert parser.counts[chart_id] > 5, f"{chart_id} has {parser.counts[chart_id]} drawn elements"
    assert "script" not in parser.tags, "a <script> element reached the DOM"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert re.search(r"<title>[^<]*report", dom)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shot = tmp_path / "report.png"
    args = [f"--screenshot={shot}", "--window-size=1280,9000", index.as_uri()]
    proc = _run(args, tmp_path / "profile-shot")
    assert proc.returncode == 0 and shot.is_file(), f"no screenshot:\n{proc.stderr[-3000:]}"
    shutil.copyfile(shot, SCREENSHOT)

    from matplotlib.image import imread

    pixels = imread(str(SCREENSHOT))
    assert pixels.shape[0] >= 9000 and pixels.shape[1] >= 1280, pixels.shape
    assert float(pixels[:, :, :3].std()) > 0.05, "the screenshot is (nearly) blank"
