"""Drive reports/dashboard.html and the Data Docs in headless Chromium (Playwright, the system browser).

Clicks and types like a reader: choose a market, a seniority and a month range, search the feed,
sort, page, download the CSV; every number shown is compared with the marts queried by DuckDB for
the same filter. No console message, no request other than file://; screenshots in test-output/.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from rolegap.checks import run_checks
from rolegap.report import fmt, write_report
from rolegap.report.dashboard import node_modules

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output"
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> Staff ML Engineer'

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (/usr/bin/chromium)"),
    pytest.mark.skipif(not (node_modules() / "vega").is_dir(), reason="node_modules missing: run make setup"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


class Tab:
    """One page with its console messages and every non-file request (aborted) recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console", lambda m: self.console.append(f"{m.type}: {m.text} ({m.location.get('url')})")
        )
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("file://", "data:", "blob:")):
            self.requests.append(request.url)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("Number(document.body.dataset.renders || 0) >= 1", timeout=30_000)

    def changed(self, action: Any) -> None:
        """Run ``action`` and wait until the dashboard has re-rendered after it."""
        before = int(self.page.evaluate("Number(document.body.dataset.renders || 0)"))
        action()
        self.page.wait_for_function(f"Number(document.body.dataset.renders || 0) > {before}", timeout=30_000)

    def text(self, testid: str) -> str:
        return self.page.get_by_test_id(testid).inner_text().strip()

    def number(self, testid: str) -> int:
        return int(self.text(testid).replace(",", ""))

    def clean(self) -> None:
        assert self.console == [], "console messages:\n" + "\n".join(self.console)
        assert self.requests == [], f"network requests: {self.requests}"


def _where(markets: list[str], seniority: list[str], start: str, end: str) -> str:
    clauses = ["postings.is_in_scope"]
    if markets:
        clauses.append("postings.market in (" + ", ".join(f"'{m}'" for m in markets) + ")")
    if seniority:
        clauses.append("postings.seniority in (" + ", ".join(f"'{s}'" for s in seniority) + ")")
    if start:
        clauses.append(f"strftime(postings.posted_date, '%Y-%m') >= '{start}'")
    if end:
        clauses.append(f"strftime(postings.posted_date, '%Y-%m') <= '{end}'")
    return " and ".join(clauses)


def _expected(con: duckdb.DuckDBPyConnection, where: str) -> dict[str, Any]:
    openings = con.execute(f"select count(*) from marts.postings where {where}").fetchone()[0]
    by_family = dict(
        con.execute(
            f"select role_family, count(*) from marts.postings where {where} group by role_family"
        ).fetchall()
    )
    roles = dict(
        con.execute(
            f"""
        select roles.role_family, count(distinct roles.role_id)
        from marts.roles
        inner join marts.postings on roles.role_id = postings.role_id
        where roles.is_in_skills_sample and {where}
        group by roles.role_family
        """
        ).fetchall()
    )
    salary = dict(
        con.execute(
            f"""
        select roles.role_family, count(distinct roles.role_id)
        from marts.roles
        inner join marts.postings on roles.role_id = postings.role_id
        where roles.is_in_salary_sample and {where}
        group by roles.role_family
        """
        ).fetchall()
    )
    return {"openings": openings, "by_family": by_family, "skills_roles": roles, "salary_roles": salary}


def _assert_view(tab: Tab, expected: dict[str, Any]) -> None:
    assert tab.number("openings-n") == expected["openings"]
    assert tab.number("feed-n") == expected["openings"]
    ds, mle = (expected["by_family"].get(f, 0) for f in ("data_scientist", "ml_engineer"))
    assert tab.text("seniority-n") == f"n = {ds:,} DS openings, {mle:,} MLE openings"
    ds_r, mle_r = (expected["skills_roles"].get(f, 0) for f in ("data_scientist", "ml_engineer"))
    assert tab.text("skills-n") == f"n = {ds_r:,} DS roles, {mle_r:,} MLE roles (skills sample)"
    ds_s, mle_s = (expected["salary_roles"].get(f, 0) for f in ("data_scientist", "ml_engineer"))
    assert tab.text("salary-n").startswith(f"n = {ds_s:,} DS roles, {mle_s:,} MLE roles")


@pytest.fixture(scope="module")
def dashboard(reference_warehouse: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The report written from the reference warehouse, with one in-scope title made hostile (on a copy)."""
    root = tmp_path_factory.mktemp("dashboard")
    db = root / "wh.duckdb"
    shutil.copy(reference_warehouse.db, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "update marts.postings set title = ? where posting_id = "
            "(select min(posting_id) from marts.postings where is_in_scope)",
            [EVIL],
        )
    out = root / "reports"
    write_report(db=db, out_dir=out)
    return out / "dashboard.html", db


def test_dashboard_filters_match_the_marts(browser: Any, dashboard: tuple[Path, Path]) -> None:
    page_path, db = dashboard
    OUTPUT.mkdir(exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    tab = Tab(browser)
    tab.open(page_path.as_uri())
    page = tab.page

    # Unfiltered: the view equals the overall marts.
    _assert_view(tab, _expected(con, _where([], [], "", "")))
    volume = dict(con.execute("select role_family, skills_sample_n from marts.role_volume").fetchall())
    assert tab.text("skills-n") == (
        f"n = {volume['data_scientist']:,} DS roles, {volume['ml_engineer']:,} MLE roles (skills sample)"
    )
    # Every skill the chart shows has the mart's shares (the script recomputes them from postings).
    marts_shares = {
        name: (fmt.pct(ds), fmt.pct(mle))
        for name, ds, mle in con.execute(
            "select display_name, ds_share, mle_share from marts.skill_gap"
        ).fetchall()
    }
    shown = page.locator("#skills-table tbody tr")
    assert shown.count() >= 15
    for i in range(shown.count()):
        row = shown.nth(i)
        skill = row.get_attribute("data-skill")
        ds_text = row.get_by_test_id("ds-share").text_content()
        mle_text = row.get_by_test_id("mle-share").text_content()
        assert (ds_text, mle_text) == marts_shares[skill], skill
    page.screenshot(path=str(OUTPUT / "dashboard.png"), full_page=True)

    # Choose a market, then a seniority, then a month range.
    months = [
        m
        for (m,) in con.execute(
            "select distinct strftime(posted_date, '%Y-%m') from marts.postings where is_in_scope order by 1"
        ).fetchall()
    ]
    start, end = months[1], months[-2] if len(months) > 2 else months[-1]
    tab.changed(lambda: page.select_option("#f-market", ["london", "new_york"]))
    _assert_view(tab, _expected(con, _where(["london", "new_york"], [], "", "")))
    tab.changed(lambda: page.select_option("#f-seniority", ["senior"]))
    _assert_view(tab, _expected(con, _where(["london", "new_york"], ["senior"], "", "")))
    tab.changed(lambda: page.select_option("#f-from", start))
    tab.changed(lambda: page.select_option("#f-to", end))
    expected = _expected(con, _where(["london", "new_york"], ["senior"], start, end))
    _assert_view(tab, expected)
    assert 0 < expected["openings"] < 4000
    hash_ = f"#market=london,new_york&seniority=senior&from={start}&to={end}"
    assert page.evaluate("location.hash") == hash_
    page.screenshot(path=str(OUTPUT / "dashboard-filtered.png"), full_page=True)

    # The hash is read on load: a shared link reopens the same view.
    other = Tab(browser)
    other.open(page_path.as_uri() + hash_)
    _assert_view(other, expected)
    assert other.page.locator("#f-market option:checked").all_inner_texts() == ["London", "New York"]
    other.clean()

    # Search the feed: title, company or a skill.
    page.fill("#f-q", "")
    tab.changed(lambda: page.type("#f-q", "pytorch"))
    searched = con.execute(
        f"""
        select count(*) from marts.postings
        where {_where(["london", "new_york"], ["senior"], start, end)} and (
            postings.title ilike '%pytorch%' or postings.company ilike '%pytorch%'
            or exists (select 1 from marts.posting_skills inner join marts.skills
                       on posting_skills.skill = skills.skill
                       where posting_skills.posting_id = postings.posting_id
                       and (skills.display_name ilike '%pytorch%'
                            or posting_skills.skill ilike '%pytorch%')))
        """
    ).fetchone()[0]
    assert 0 < searched < expected["openings"]
    assert tab.number("feed-n") == searched == tab.number("openings-n")
    assert page.evaluate("location.hash").endswith("&q=pytorch")
    chips = page.locator("#feed tbody tr").first.locator(".chip").all_inner_texts()
    assert "PyTorch" in chips or "pytorch" in page.locator("#feed tbody tr").first.inner_text().lower()

    # Sort by title (ascending on the second click), page forward, download the view as CSV.
    page.click('#feed th[data-sort="title"] button')
    page.click('#feed th[data-sort="title"] button')
    titles = page.locator("#feed tbody tr td:first-child").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    rows_shown = page.locator("#feed tbody tr").count()
    assert rows_shown == min(25, searched)
    if searched > 25:
        page.click("#feed-next")
        assert tab.text("feed-page").startswith("page 2 of")
    with page.expect_download() as download:
        page.click("#feed-csv")
    content = Path(download.value.path()).read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(content)))
    assert len(records) == searched
    assert {r["market"] for r in records} <= {"london", "new_york"} and {r["seniority"] for r in records} == {
        "senior"
    }
    assert all(start <= r["posted_date"][:7] <= end for r in records)
    tab.clean()
    con.close()


def test_posting_text_is_escaped_in_the_feed(browser: Any, dashboard: tuple[Path, Path]) -> None:
    page_path, _ = dashboard
    tab = Tab(browser)
    tab.open(page_path.as_uri())
    tab.changed(lambda: tab.page.fill("#f-q", "window.__pwned"))
    assert tab.number("feed-n") == 1
    cell = tab.page.locator("#feed tbody tr td:first-child a")
    assert cell.inner_text() == EVIL
    assert tab.page.evaluate("window.__pwned === undefined")
    assert tab.page.locator("#feed img").count() == 0
    with tab.page.expect_download() as download:
        tab.page.click("#feed-csv")
    assert EVIL.replace('"', '""') in Path(download.value.path()).read_text(encoding="utf-8")
    tab.clean()


def test_report_links_and_data_docs_open_offline(
    browser: Any, reference_warehouse: Any, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    result = run_checks(db=reference_warehouse.db, docs_dir=out / "data-docs", reference_corpus=True)
    assert result.docs_index is not None
    write_report(db=reference_warehouse.db, out_dir=out)
    tab = Tab(browser)
    tab.page.goto((out / "index.html").as_uri())
    for href in ("dashboard.html", "data-docs/index.html", "dbt-docs.html"):
        assert tab.page.locator(f'a[href="{href}"]').count() >= 1, href
    tab.page.goto((out / "data-docs" / "index.html").as_uri())
    tab.page.wait_for_load_state("load")
    # Bootstrap and jQuery arrived (locally): the table plugin ran and styled the results list.
    assert tab.page.evaluate(
        "typeof window.jQuery === 'function' && typeof jQuery.fn.bootstrapTable === 'function'"
    )
    assert tab.page.evaluate("getComputedStyle(document.body).fontFamily").lower() != "times new roman"
    # The validation results table was drawn by bootstrap-table (rows are JS-built, one per suite).
    row = tab.page.locator("table tbody tr", has_text="marts.postings").first
    row.wait_for(state="visible", timeout=15_000)
    suites_n = len(result.suites)
    assert tab.page.locator("table tbody tr").count() >= suites_n
    assert tab.page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse") == "collapse"
    tab.page.screenshot(path=str(OUTPUT / "data-docs.png"), full_page=False)
    with tab.page.expect_navigation():
        row.locator("td", has_text="marts.postings").first.click()
    assert "validations/" in tab.page.url
    body = tab.page.locator("body").inner_text()
    assert "Expectation" in body and re.search(r"Succeeded|Success", body)
    assert tab.page.locator("table:visible").count() >= 1  # the expectation results are on screen
    tab.page.screenshot(path=str(OUTPUT / "data-docs-validation.png"), full_page=False)
    tab.clean()
