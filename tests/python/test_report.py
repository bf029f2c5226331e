"""`rolegap report` on a small fake warehouse built from the marts contract (no dbt needed)."""

from __future__ import annotations

import html
import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from jinja2 import Template

from rolegap.report import ReportError, write_report
from rolegap.report import colors as palette

MARTS = Path(__file__).resolve().parents[2] / "models" / "marts"
# The marts contract the report reads: the entity and analysis marts, one YAML per model (the trend
# and calendar marts are the dashboard's, and it falls back without them).
CONTRACT = sorted([*(MARTS / "entities").glob("*.yml"), *(MARTS / "analysis").glob("*.yml")])
SCRIPT_TITLE = "<script>alert(1)</script>"
CHARTS = ("skills_gap", "seniority_mix", "salary_bands", "llm_factor", "falls_away", "industry_mix")


def wilson(k: int, n: int) -> tuple[float, float]:
    z = 1.959964
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


# skill, display, group, ds %, mle % (None: not published)
SKILLS: list[tuple[str, str, str, float | None, float | None]] = [
    ("python", "Python", "overlap", 88, 80),
    ("pytorch", "PyTorch", "overlap", 13, 44),
    ("tensorflow", "TensorFlow", "overlap", 13, 31),
    ("machine learning", "Machine learning", "overlap", 70, 62),
    ("aws", "AWS", "overlap", 13, 26),
    ("spark", "Spark", "overlap", 15, 14),
    ("c++", "C++", "bridging", 2, 18),
    ("kubernetes", "Kubernetes", "bridging", 4, 14),
    ("llm", "LLMs", "bridging", 7, 27),
    ("rag", "RAG", "bridging", 0.5, 13),
    ("docker", "Docker", "bridging", 3, 11),
    ("mlops", "MLOps", "bridging", 2, 11),
    ("gcp", "GCP", "bridging", 7, 19),
    ("jax", "JAX", "bridging", None, 9),
    ("prompt engineering", "Prompt engineering", "bridging", 3, 8),
    ("sql", "SQL", "falls_away", 85, 19),
    ("r", "R", "falls_away", 34, 1),
    ("causal inference", "Causal inference", "falls_away", 24, 0.5),
    ("statistics", "Statistics", "falls_away", 16, 2),
    ("a/b testing", "A/B testing", "falls_away", 14, 4),
    ("tableau", "Tableau", "falls_away", 12, 0.5),
    ("looker", "Looker", "falls_away", 10, 0.5),
]
DS_N, MLE_N = 430, 858


def _share_cols(prefix: str, pct: float | None, n: int) -> dict[str, Any]:
    if pct is None:
        return {f"{prefix}_roles_n": 3, f"{prefix}_sample_n": n, f"{prefix}_share": None}
    k = round(pct / 100 * n)
    lo, hi = wilson(k, n)
    return {
        f"{prefix}_roles_n": k,
        f"{prefix}_sample_n": n,
        f"{prefix}_share": k / n,
        f"{prefix}_share_lower": lo,
        f"{prefix}_share_upper": hi,
    }


def skill_gap_rows() -> list[dict[str, Any]]:
    rows = []
    for skill, display, group, ds, mle in SKILLS:
        row: dict[str, Any] = {
            "skill": skill,
            "display_name": display,
            "skill_group": group,
            "skill_category": "x",
        }
        row |= _share_cols("ds", ds, DS_N) | _share_cols("mle", mle, MLE_N)
        if row["ds_share"] is not None and row["mle_share"] is not None:
            row["gap_pts"] = 100 * (row["mle_share"] - row["ds_share"])
            row["is_gap_significant"] = abs(row["gap_pts"]) > 4
        row["is_below_min_sample"] = False
        rows.append(row)
    return rows


def mix_rows(
    key: str, mix: dict[str, dict[str, int]], ranks: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    rows = []
    for family, counts in mix.items():
        total = sum(counts.values())
        for name, k in counts.items():
            lo, hi = wilson(k, total)
            row = {
                "role_family": family,
                key: name,
                "openings_n": k,
                "family_openings_n": total,
                "share": k / total,
                "share_lower": lo,
                "share_upper": hi,
                "is_below_min_sample": False,
            }
            if ranks is not None:
                row["seniority_rank"] = ranks[name]
            rows.append(row)
    return rows


SENIORITY_RANKS = {"junior": 1, "mid": 2, "senior": 3, "staff_principal": 4, "director_plus": 5}


def fixture_tables() -> dict[str, list[dict[str, Any]]]:
    seniority = mix_rows(
        "seniority",
        {
            "data_scientist": {
                "junior": 175,
                "mid": 560,
                "senior": 790,
                "staff_principal": 330,
                "director_plus": 85,
            },
            "ml_engineer": {
                "junior": 90,
                "mid": 395,
                "senior": 1387,
                "staff_principal": 767,
                "director_plus": 311,
            },
        },
        SENIORITY_RANKS,
    )
    industry = mix_rows(
        "industry",
        {
            "data_scientist": {
                "fintech": 427,
                "mobility": 136,
                "consumer": 310,
                "ai_ml": 200,
                "healthcare": 867,
            },
            "ml_engineer": {
                "fintech": 354,
                "mobility": 531,
                "consumer": 354,
                "ai_ml": 443,
                "healthcare": 1268,
            },
        },
    )
    postings = [
        {
            "posting_id": "p1",
            "title": SCRIPT_TITLE,
            "company": "Evil & Co",
            "market": "london",
            "posted_date": date(2026, 1, 5),
            "exclusion_reason": "out_of_scope_role",
            "is_in_scope": False,
        },
        {
            "posting_id": "p2",
            "title": "Data Analyst",
            "company": "Alcove Money",
            "market": "new_york",
            "posted_date": date(2026, 1, 7),
            "exclusion_reason": "out_of_scope_role",
            "is_in_scope": False,
        },
        {
            "posting_id": "p3",
            "title": "ML Engineer (via agency)",
            "company": "Talent Finders",
            "market": "london",
            "posted_date": date(2025, 12, 1),
            "exclusion_reason": "agency",
            "is_in_scope": False,
        },
        {
            "posting_id": "p4",
            "title": "Senior ML Engineer",
            "company": "Aldergate Freight",
            "market": "san_francisco",
            "posted_date": date(2026, 1, 9),
            "exclusion_reason": None,
            "is_in_scope": True,
        },
    ]
    reproduction = [
        {
            "figure_id": "skill_share__ml_engineer__pytorch",
            "metric": "skill_share",
            "role_family": "ml_engineer",
            "dimension": "pytorch",
            "unit": "pct",
            "comparison": "within",
            "published_value": 44.0,
            "tolerance": 1.0,
            "computed_value": 44.1,
            "difference": 0.1,
            "is_reproduced": True,
            "source_sentence": "PyTorch appears in 13% of data scientist roles and 44% of ML engineer roles.",
        },
        {
            "figure_id": "volume_ratio",
            "metric": "volume_ratio",
            "role_family": "all",
            "dimension": "all",
            "unit": "ratio",
            "comparison": "within",
            "published_value": 1.5,
            "tolerance": 0.05,
            "computed_value": 1.62,
            "difference": 0.12,
            "is_reproduced": False,
            "source_sentence": "The market is hiring ML engineers at roughly 1.5x the volume.",
        },
        {
            "figure_id": "skill_share__data_scientist__rag",
            "metric": "skill_share",
            "role_family": "data_scientist",
            "dimension": "rag",
            "unit": "pct",
            "comparison": "less_than",
            "published_value": 1.0,
            "tolerance": 0.0,
            "computed_value": None,
            "difference": None,
            "is_reproduced": None,
            "source_sentence": "RAG (retrieval-augmented generation) in 13% versus under 1%.",
        },
        {
            "figure_id": "salary_min_p50_usd__ml_engineer",
            "metric": "salary_min_p50_usd",
            "role_family": "ml_engineer",
            "dimension": "all",
            "unit": "usd",
            "comparison": "within",
            "published_value": 193000.0,
            "tolerance": 1000.0,
            "computed_value": 193000.0,
            "difference": 0.0,
            "is_reproduced": True,
            "source_sentence": "ML engineer roles range from around $193k to $255k.",
        },
    ]
    funnel_steps = [
        ("raw_records", 5400),
        ("rejected", 12),
        ("stored_versions", 5388),
        ("refetch_versions", 300),
        ("openings", 5088),
        ("excluded_agency", 60),
        ("excluded_out_of_scope_role", 120),
        ("excluded_outside_window", 8),
        ("excluded_outside_markets", 10),
        ("in_scope_openings", 4890),
    ]
    return {
        "skill_gap": skill_gap_rows(),
        "seniority_mix": seniority,
        "industry_mix": industry,
        "salary_bands": [
            {
                "role_family": "data_scientist",
                "salary_sample_n": 163,
                "min_p50_usd": 167000.0,
                "max_p50_usd": 236000.0,
                "midpoint_usd": 201500.0,
                "is_below_min_sample": False,
            },
            {
                "role_family": "ml_engineer",
                "salary_sample_n": 306,
                "min_p50_usd": 193000.0,
                "max_p50_usd": 255000.0,
                "midpoint_usd": 224000.0,
                "is_below_min_sample": False,
            },
        ],
        "role_volume": [
            {
                "role_family": "data_scientist",
                "openings_n": 1940,
                "roles_n": 1500,
                "skills_sample_n": DS_N,
                "salary_sample_n": 163,
                "startup_openings_n": 272,
                "startup_share": 0.14,
                "startup_share_lower": 0.125,
                "startup_share_upper": 0.156,
            },
            {
                "role_family": "ml_engineer",
                "openings_n": 2950,
                "roles_n": 2200,
                "skills_sample_n": MLE_N,
                "salary_sample_n": 306,
                "startup_openings_n": 620,
                "startup_share": 0.21,
                "startup_share_lower": 0.196,
                "startup_share_upper": 0.225,
            },
        ],
        "pipeline_funnel": [
            {"step_order": i + 1, "step": step, "step_description": f"What {step} counts", "records_n": n}
            for i, (step, n) in enumerate(funnel_steps)
        ],
        "reproduction": reproduction,
        "postings": postings,
    }


def build_warehouse(path: Path, tables: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """A DuckDB file with every contracted marts table (contract columns and types) filled with ``tables``."""
    contract = [model for file in CONTRACT for model in yaml.safe_load(file.read_text())["models"]]
    tables = fixture_tables() if tables is None else tables
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    for model in contract:
        name, columns = model["name"], model["columns"]
        # contract types are chosen per engine in the YAML ({{ ... if target.type == ... }})
        ddl = ", ".join(
            f'"{c["name"]}" {Template(c["data_type"]).render(target={"type": "duckdb"})}' for c in columns
        )
        con.execute(f"create table marts.{name} ({ddl})")
        names = [c["name"] for c in columns]
        for row in tables.get(name, []):
            con.execute(
                f"insert into marts.{name} values ({', '.join('?' for _ in names)})",
                [row.get(n) for n in names],
            )
    con.execute("create schema raw")  # the report must not need (or read) anything outside marts
    con.close()
    return path


MAIN_MARK = {
    "skills_gap": "bar",
    "llm_factor": "bar",
    "falls_away": "bar",
    "industry_mix": "bar",
    "seniority_mix": "segment",
    "salary_bands": "range",
}


def _group(svg: str, name: str) -> str:
    """The markup of one Vega mark group: a layer named ``name`` (class ``<name>_marks``) or a role."""
    cls = name if name.startswith("role-") else f"{name}_marks"
    found = re.findall(rf'<g class="[^"]*\b{re.escape(cls)}"[^>]*>(.*?)</g>', svg, re.S)
    assert found, f"no mark group {cls} in the chart"
    return "".join(found)


def marks(svg: str, name: str) -> list[str]:
    """Drawn items of a mark group: the text of text marks, else one entry per drawn element."""
    body = _group(svg, name)
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", body, re.S)
    if texts:
        return [html.unescape(t) for t in texts]
    return re.findall(r"<(?:path|line|rect)\b", body)


def _ys(svg: str, name: str) -> list[float]:
    """The vertical position of each item in a mark group (translate(x,y) or y1 of a line)."""
    body = _group(svg, name)
    ys = re.findall(r'<(?:text|line|path)\b[^>]*?transform="translate\(([-\d.]+),([-\d.]+)\)', body)
    if ys:
        return [float(y) for _, y in ys]
    return [float(y) for y in re.findall(r'y1="([-\d.]+)"', body)]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One report for the read-only assertions (rendering PNGs takes a few seconds)."""
    tmp_path = tmp_path_factory.mktemp("report")
    db = build_warehouse(tmp_path / "wh.duckdb")
    before = db.stat().st_mtime_ns
    held = duckdb.connect(str(db), read_only=True)  # another reader must not block the report
    try:
        index = write_report(db=db, out_dir=tmp_path / "reports")
    finally:
        held.close()
    assert db.stat().st_mtime_ns == before, "the report must not write to the warehouse"
    return index, index.read_text(encoding="utf-8")


def test_writes_index_and_chart_files(report: tuple[Path, str]) -> None:
    index, _ = report
    assert index == index.parent / "index.html" and index.is_file()
    for name in CHARTS:
        for ext in ("svg", "png"):
            path = index.parent / "charts" / f"{name}.{ext}"
            assert path.is_file() and path.stat().st_size > 500, path
        assert (index.parent / "charts" / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(marks((index.parent / "charts" / f"{name}.svg").read_text(), MAIN_MARK[name])) > 1


def test_page_is_self_contained(report: tuple[Path, str]) -> None:
    _, html = report
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html, re.I)
    assert not re.search(r"@import|<link\b|<script\b|<iframe\b", html, re.I)
    # The only http(s) strings allowed are XML namespaces.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }


def test_three_article_charts_are_inline(report: tuple[Path, str]) -> None:
    _, html = report
    for name in ("skills_gap", "seniority_mix", "salary_bands"):
        match = re.search(rf'<svg[^>]*id="chart-{name}".*?</svg>', html, re.S)
        assert match, name
        svg = match.group(0)
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert len(marks(svg, MAIN_MARK[name])) > 1


def test_posting_text_is_escaped(report: tuple[Path, str]) -> None:
    _, html = report
    assert SCRIPT_TITLE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Evil &amp; Co" in html


def test_null_share_is_not_zero(report: tuple[Path, str]) -> None:
    _, html = report
    assert "not published (n &lt; 30)" in html
    skills_svg = re.search(r'<svg[^>]*id="chart-skills_gap".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    assert "DS not published (n &lt; 30)" in skills_svg


def test_skill_chart_groups_and_whiskers(report: tuple[Path, str]) -> None:
    _, html = report
    svg = re.search(r'<svg[^>]*id="chart-skills_gap".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    headers = marks(svg, "group_header")
    assert [h for h in headers if h.startswith(("Overlap", "Bridging"))] == [
        "Overlap: both roles ask for these",
        "Bridging: what ML engineering adds",
    ]
    # The separator is drawn between the last overlap row and the first bridging header.
    sep_y = _ys(svg, "separator")
    assert len(sep_y) == 1
    labels = dict(zip(marks(svg, "role-axis-label"), _ys(svg, "role-axis-label"), strict=False))
    assert labels["PyTorch"] < sep_y[0] < labels["C++"]
    assert "MLE 44%" in marks(svg, "value_label") and "DS 13%" in marks(svg, "value_label")
    assert "+31 pts" in marks(svg, "note")
    # Every published bar has its 95% whisker (one DS share is below the minimum: no bar, no whisker).
    assert len(marks(svg, "whisker")) == len(marks(svg, "bar")) == 2 * 15 - 1
    assert palette.OVERLAP[1] in svg and palette.BRIDGING[1] in svg
    assert ">SQL<" not in svg  # falls-away skills have their own chart


def test_seniority_and_salary_specs(report: tuple[Path, str]) -> None:
    _, html = report
    sen = re.search(r'<svg[^>]*id="chart-seniority_mix".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    # Segments are drawn left to right, junior (lightest) to director+ (darkest), per bar.
    segments = re.findall(r'd="M([-\d.]+),([-\d.]+)h[^"]*" fill="(#[0-9a-f]{6})"', _group(sen, "segment"))
    bars: dict[float, list[tuple[float, str]]] = {}
    for x, y, fill in segments:
        bars.setdefault(float(y), []).append((float(x), fill))
    assert len(bars) == 2
    for drawn in bars.values():
        assert [fill for _, fill in sorted(drawn)] == list(palette.SENIORITY_RAMP[: len(SENIORITY_RANKS)])
    for light, dark in zip(palette.SENIORITY_RAMP, palette.SENIORITY_RAMP[1:], strict=False):
        assert palette.luminance(light) > palette.luminance(dark)
    assert len(re.findall(r"<path", _group(sen, "highlight"))) == 2  # staff/principal outlined in both bars
    assert sorted(marks(sen, "highlight_label")) == ["Staff/principal 17%", "Staff/principal 26%"]
    sal = re.search(r'<svg[^>]*id="chart-salary_bands".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    assert sorted(marks(sal, "range_label")) == ["$167k–$236k", "$193k–$255k"]
    assert sorted(marks(sal, "n_label")) == ["n = 163 roles", "n = 306 roles"]
    assert len(re.findall(r"<path", _group(sal, "midpoint"))) == 2
    axis = dict(zip(marks(sal, "role-axis-label"), _ys(sal, "role-axis-label"), strict=False))
    assert axis["ML engineer"] < axis["Data scientist"]  # bottom to top: DS, then MLE above it


def test_headline_reproduction_funnel(report: tuple[Path, str]) -> None:
    _, html = report
    assert "1.52×" in html and "27%" in html and "$22k" in html
    assert "2 of 4 published figures reproduced" in html
    assert "✘ no" in html and "✔ yes" in html and "not computed" in html
    assert "excluded agency" in html and "Talent Finders" in html
    assert "Data-quality status" in html and "Not run." in html
    assert "marts.skill_gap" in html


def test_text_colours_contrast() -> None:
    for fill in palette.SENIORITY_RAMP:
        assert palette.contrast(palette.text_on(fill), fill) >= 4.5, fill
    assert palette.contrast(palette.MUTED, "#ffffff") >= 4.5


def test_dq_status_is_shown(tmp_path: Path) -> None:
    db = build_warehouse(tmp_path / "wh.duckdb")
    out = tmp_path / "reports"
    out.mkdir()
    status = {
        "dbt": {"success": True, "tests_n": 120, "failures_n": 0},
        "great_expectations": {"success": False, "failed": ["<b>salary</b> range"]},
    }
    (out / "dq_status.json").write_text(json.dumps(status))
    html = write_report(db=db, out_dir=out).read_text()
    assert "tests_n" in html and "✘ no" in html and "&lt;b&gt;salary&lt;/b&gt;" in html
    assert "<b>salary</b>" not in html


def test_below_min_sample_salary_and_seniority(tmp_path: Path) -> None:
    tables = fixture_tables()
    for row in tables["salary_bands"]:
        if row["role_family"] == "data_scientist":
            row.update(
                salary_sample_n=12,
                min_p50_usd=None,
                max_p50_usd=None,
                midpoint_usd=None,
                is_below_min_sample=True,
            )
    for row in tables["seniority_mix"]:
        if row["role_family"] == "data_scientist":
            row.update(share=None, is_below_min_sample=True)
    html = write_report(
        db=build_warehouse(tmp_path / "wh.duckdb", tables), out_dir=tmp_path / "r"
    ).read_text()
    assert "Band not published (n &lt; 30); n = 12" in html
    assert "Shares not published (n &lt; 30)" in html


def test_missing_warehouse_and_contract_errors(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        write_report(db=tmp_path / "nope.duckdb", out_dir=tmp_path / "r")
    db = tmp_path / "partial.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create table marts.skill_gap (skill varchar)")
    con.close()
    with pytest.raises(
        ReportError, match=r"marts.skill_gap lacks column\(s\) display_name.*marts.role_volume is missing"
    ):
        write_report(db=db, out_dir=tmp_path / "r")
    assert not (tmp_path / "r" / "index.html").exists()


def test_dashboard_is_one_offline_file(report: tuple[Path, str]) -> None:
    index, _ = report
    dash = (index.parent / "dashboard.html").read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', dash)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)
    markup = re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", dash, flags=re.S | re.I)  # tags, not JS
    assert markup.count("<script") == 6  # data, specs, vega, vega-lite, vega-embed, the app: all inline
    assert not re.search(r"""<(script|img|iframe|link)\b[^>]*\b(src|href)\s*=""", markup, re.I)
    assert 'data-testid="openings-n"' in dash and 'data-testid="feed-n"' in dash
    for href in ("index.html", "data-docs/index.html", "dbt-docs.html"):
        assert f'href="{href}"' in dash
    # The embedded chart specs are the report's own Vega-Lite specs, plus the two trend charts.
    specs = json.loads(
        re.search(r'<script id="chart-specs" type="application/json">(.*?)</script>', dash, re.S)[1]
    )
    assert set(specs) == set(CHARTS) | {"skill_trends", "volumes"}
    assert {layer["name"] for layer in specs["skills_gap"]["layer"]} >= {"bar", "whisker", "separator"}


def test_embedded_json_cannot_end_its_script() -> None:
    from rolegap.report.dashboard import _json_for_script

    hostile = {"title": "</script><script>alert(1)</script><!-- \u2028 & done"}
    text = str(_json_for_script(hostile))
    assert "</script" not in text.lower() and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == hostile
