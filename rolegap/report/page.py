"""The report page: sections in reading order, assembled from escaped text and the inline SVG charts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rolegap.report import colors, fmt
from rolegap.report.data import ReportData, ReproductionRow
from rolegap.report.html import Cell, Html, join, table, tag
from rolegap.report.spec import PairedChart, Rendered, StackedChart

STYLE = f"""
:root {{ color-scheme: light; }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: {colors.TEXT}; background: #fff; margin: 0; }}
main, header.page, footer {{ max-width: 880px; margin: 0 auto; padding: 0 20px; }}
header.page {{ padding-top: 24px; }}
h1 {{ font-size: 1.9rem; line-height: 1.2; margin: 0.2em 0; }}
h2 {{ font-size: 1.4rem; margin-top: 2.2em; border-top: 2px solid #e5e5e5; padding-top: 0.8em; }}
h3 {{ font-size: 1.1rem; margin-top: 1.5em; }}
.lede {{ font-size: 1.1rem; color: {colors.MUTED}; }}
nav ol {{ columns: 2; padding-left: 1.2em; }}
a {{ color: #0b57a4; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px;
  margin: 1em 0; }}
.card {{ border: 1px solid #d0d0d0; border-radius: 8px; padding: 14px 16px; }}
.card .value {{ font-size: 2rem; font-weight: 700; line-height: 1.1; }}
.card .label {{ font-weight: 600; }}
.card .detail {{ color: {colors.MUTED}; font-size: 0.9rem; }}
figure {{ margin: 1em 0; }}
figure svg {{ width: 100%; height: auto; max-width: 760px; display: block; }}
figcaption {{ color: {colors.MUTED}; font-size: 0.92rem; margin-top: 0.4em; }}
.table-wrap {{ overflow-x: auto; }}
table {{ border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92rem; width: 100%; }}
caption {{ text-align: left; font-weight: 600; padding-bottom: 0.3em; }}
th, td {{ border-bottom: 1px solid #e0e0e0; padding: 5px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f5f5f5; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.na {{ color: {colors.MUTED}; font-style: italic; }}
.pass {{ color: {colors.PASS}; font-weight: 700; }}
.fail {{ color: {colors.FAIL}; font-weight: 700; }}
.meter {{ background: #e8eef6; height: 10px; min-width: 120px; }}
.meter span {{ display: block; height: 10px; background: {colors.OVERLAP[1]}; }}
details {{ margin: 0.4em 0 1em; }}
summary {{ cursor: pointer; color: #0b57a4; }}
pre {{ background: #f6f6f6; padding: 10px; overflow-x: auto; font-size: 0.85rem; }}
footer {{ color: {colors.MUTED}; font-size: 0.85rem; padding-bottom: 40px; margin-top: 3em; }}
"""


@dataclass(frozen=True)
class BuildInfo:
    generated_at: str
    warehouse: str
    warehouse_modified_at: str
    warehouse_bytes: int
    duckdb_version: str


@dataclass(frozen=True)
class DqStatus:
    path: str | None
    content: dict[str, Any] | None
    error: str | None = None


def _share_cell(value: float | None, lower: float | None, upper: float | None) -> Cell:
    if value is None:
        return tag("span", fmt.NOT_PUBLISHED, class_="na")
    return f"{fmt.pct(value)} ({fmt.pct_interval(lower, upper)})"


def _figure(chart: Rendered, caption: str) -> Html:
    links = join(
        [
            " Files for slides: ",
            tag("a", f"{chart.name}.svg", href=f"charts/{chart.name}.svg"),
            ", ",
            tag("a", f"{chart.name}.png", href=f"charts/{chart.name}.png"),
            ".",
        ]
    )
    return tag("figure", Html(chart.svg), tag("figcaption", caption, links), id=f"figure-{chart.name}")


def _paired_table(spec: PairedChart, first_header: str) -> Html:
    rows = []
    for group in spec.groups:
        for row in group.rows:
            rows.append(
                [
                    row.label,
                    group.title.split(":")[0] if group.title else "",
                    _share_cell(row.ds.value, row.ds.lower, row.ds.upper),
                    _share_cell(row.mle.value, row.mle.lower, row.mle.upper),
                    row.note,
                ]
            )
    return tag(
        "details",
        tag("summary", "The numbers behind the chart"),
        table(
            [
                first_header,
                "Group",
                "Data scientist (95% interval)",
                "ML engineer (95% interval)",
                "MLE − DS",
            ],
            rows,
            numeric=(2, 3, 4),
        ),
    )


def _stacked_table(spec: StackedChart) -> Html:
    rows = []
    for bar in spec.bars:
        for seg in bar.segments:
            rows.append([bar.label, seg.label, fmt.count(seg.openings_n), _share_cell(seg.share, None, None)])
    return tag(
        "details",
        tag("summary", "The numbers behind the chart"),
        table(["Role family", "Seniority", "Openings", "Share"], rows, numeric=(2, 3)),
    )


def headline(data: ReportData) -> Html:
    ds, mle = data.volume_of("data_scientist"), data.volume_of("ml_engineer")
    cards = []
    if ds and mle and ds.openings_n:
        value = fmt.ratio(mle.openings_n / ds.openings_n)
        detail = (
            f"{fmt.count(mle.openings_n)} ML engineer vs {fmt.count(ds.openings_n)} data scientist openings"
        )
    else:
        value, detail = "–", "role volume not available"
    cards.append((value, "Volume ratio: more MLE openings than DS", detail))
    ds_pay, mle_pay = data.salary_of("data_scientist"), data.salary_of("ml_engineer")
    if ds_pay and mle_pay and ds_pay.is_published and mle_pay.is_published:
        value = fmt.usd_range(mle_pay.min_p50_usd, mle_pay.max_p50_usd)
        premium = ""
        if ds_pay.midpoint_usd is not None and mle_pay.midpoint_usd is not None:
            premium = f"; midpoint premium {fmt.usd_k(mle_pay.midpoint_usd - ds_pay.midpoint_usd)}"
        detail = (
            f"ML engineer band vs {fmt.usd_range(ds_pay.min_p50_usd, ds_pay.max_p50_usd)} for DS{premium}"
        )
    else:
        value, detail = "–", f"salary band {fmt.NOT_PUBLISHED}"
    cards.append((value, "Salary premium (US, annual)", detail))
    llm = data.skill("llm")
    if llm is not None and llm.mle_share is not None:
        value = fmt.pct(llm.mle_share)
        detail = (
            "of ML engineer roles mention LLMs (95% interval "
            f"{fmt.pct_interval(llm.mle_share_lower, llm.mle_share_upper)}"
            f"); data scientist roles: {fmt.pct(llm.ds_share)}"
        )
    else:
        value, detail = "–", f"LLM share {fmt.NOT_PUBLISHED}"
    cards.append((value, "LLM skills", detail))
    return tag(
        "div",
        *(
            tag(
                "div",
                tag("div", v, class_="value"),
                tag("div", label, class_="label"),
                tag("div", d, class_="detail"),
                class_="card",
            )
            for v, label, d in cards
        ),
        class_="cards",
    )


def _marker(ok: bool | None) -> Html:
    if ok is None:
        return tag("span", "– not computed", class_="na")
    return tag("span", "✔ yes", class_="pass") if ok else tag("span", "✘ no", class_="fail")


def _published(row: ReproductionRow) -> str:
    text = fmt.by_unit(row.published_value, row.unit)
    return f"< {text}" if row.comparison == "less_than" else text


def reproduction(data: ReportData) -> Html:
    rows = sorted(data.reproduction, key=lambda r: (r.is_reproduced is True, r.figure_id))
    ok = sum(1 for r in rows if r.is_reproduced)
    summary = tag(
        "p",
        tag("strong", f"{ok} of {len(rows)} published figures reproduced"),
        " (failures listed first). A figure is reproduced when the "
        "computed value is within the tolerance of the "
        "article's value (or below it, for the article's \"under 1%\" statements).",
    )
    body = [
        [
            _marker(r.is_reproduced),
            tag(
                "span",
                f"{r.metric.replace('_', ' ')}: {fmt.role_label(r.role_family)}"
                + ("" if r.dimension == "all" else f", {r.dimension}"),
                tag("br"),
                tag("small", f"\u201c{r.source_sentence}\u201d", class_="na"),
            ),
            _published(r)
            + (f" ± {fmt.by_unit(r.tolerance, r.unit)}" if r.comparison == "within" and r.tolerance else ""),
            fmt.by_unit(r.computed_value, r.unit),
            fmt.signed_by_unit(r.difference, r.unit),
        ]
        for r in rows
    ]
    headers = [
        "Reproduced",
        "Figure (and the article's sentence)",
        "Published (tolerance)",
        "Computed",
        "Difference",
    ]
    return join([summary, table(headers, body, numeric=(2, 3, 4), class_="reproduction")])


def funnel(data: ReportData) -> Html:
    top = max([s.records_n for s in data.funnel] + [1])
    rows = [
        [
            str(s.step_order),
            s.step.replace("_", " "),
            s.step_description,
            fmt.count(s.records_n),
            tag(
                "div",
                Html(f'<span style="width:{100 * s.records_n / top:.1f}%"></span>'),
                class_="meter",
                role="img",
                aria_label=f"{100 * s.records_n / top:.0f}% of the first step",
            ),
        ]
        for s in data.funnel
    ]
    parts: list[Cell] = [
        tag(
            "p",
            "Every raw record, step by step: what was quarantined at ingest, collapsed as a re-fetch, or "
            "excluded from the analysis and why. Each step is counted on its own.",
        ),
        table(["#", "Step", "What it counts", "Records", ""], rows, numeric=(0, 3)),
        tag("h3", "Examples of excluded openings"),
    ]
    if not data.excluded_examples:
        parts.append(tag("p", "No opening was excluded."))
    else:
        parts.append(
            tag("p", "Up to five recent openings per exclusion reason, as posted (titles are shown as text).")
        )
        rows = [
            [
                e.exclusion_reason.replace("_", " "),
                f"{fmt.count(data.excluded_counts.get(e.exclusion_reason))}",
                e.title,
                e.company,
                e.market,
                e.posted_date,
            ]
            for e in data.excluded_examples
        ]
        parts.append(
            table(
                ["Reason", "Excluded (all)", "Title", "Company", "Market", "Posted"],
                rows,
                numeric=(1,),
                class_="excluded-examples",
            )
        )
    return join(parts)


def _status_marker(section: Any) -> Html:
    if not isinstance(section, dict):
        return tag("span", "reported", class_="na")
    for key in ("success", "passed", "ok"):
        if isinstance(section.get(key), bool):
            return _marker(section[key])
    status = section.get("status")
    if isinstance(status, str):
        good = status.lower() in {"pass", "passed", "success", "ok", "green"}
        bad = status.lower() in {"fail", "failed", "error", "failure", "red"}
        if good or bad:
            return tag("span", ("✔ " if good else "✘ ") + status, class_="pass" if good else "fail")
        return tag("span", status)
    return tag("span", "reported", class_="na")


def data_quality(dq: DqStatus) -> Html:
    if dq.path is None:
        return tag(
            "p",
            tag("strong", "Not run."),
            " No dq_status.json was found next to the report, so the dbt tests "
            "and Great Expectations suites have not reported here.",
        )
    if dq.error is not None or dq.content is None:
        return tag("p", tag("strong", "Could not read the status file: "), f"{dq.path}: {dq.error}")
    parts: list[Cell] = [tag("p", "From ", tag("code", dq.path), ".")]
    for key, label in (("dbt", "dbt build and tests"), ("great_expectations", "Great Expectations suites")):
        section = dq.content.get(key)
        if section is None:
            parts.append(tag("h3", label))
            parts.append(tag("p", tag("strong", "Not run.")))
            continue
        parts.append(tag("h3", label, " ", _status_marker(section)))
        if isinstance(section, dict):
            scalars = [
                [k, json.dumps(v) if isinstance(v, bool) else str(v)]
                for k, v in section.items()
                if not isinstance(v, dict | list)
            ]
            if scalars:
                parts.append(table(["Field", "Value"], scalars))
            nested = {k: v for k, v in section.items() if isinstance(v, dict | list)}
            if nested:
                parts.append(
                    tag(
                        "details",
                        tag("summary", "Details"),
                        tag("pre", json.dumps(nested, indent=2, ensure_ascii=False)),
                    )
                )
        else:
            parts.append(tag("pre", json.dumps(section, indent=2, ensure_ascii=False)))
    others = {k: v for k, v in dq.content.items() if k not in ("dbt", "great_expectations")}
    if others:
        parts.append(
            tag(
                "details",
                tag("summary", "Other entries"),
                tag("pre", json.dumps(others, indent=2, ensure_ascii=False)),
            )
        )
    return join(parts)


def build_section(data: ReportData, info: BuildInfo, charts: list[Rendered]) -> Html:
    facts = [
        ["Report generated", info.generated_at],
        ["Warehouse", info.warehouse],
        ["Warehouse last written", info.warehouse_modified_at],
        ["Warehouse size", f"{info.warehouse_bytes / 1_048_576:,.1f} MiB"],
        ["DuckDB", info.duckdb_version],
        ["Read", "marts schema only, read-only connection"],
        ["Chart files", ", ".join(f"charts/{c.name}.svg/.png" for c in charts)],
    ]
    counts = [[f"marts.{name}", fmt.count(n)] for name, n in data.table_rows.items()]
    return join([table(None, facts, class_="facts"), table(["Table", "Rows"], counts, numeric=(1,))])


def _section(section_id: str, title: str, *body: Cell) -> Html:
    return tag("section", tag("h2", title, id=section_id), *body, aria_labelledby=section_id)


def render_page(
    data: ReportData,
    charts: dict[str, Rendered],
    specs: dict[str, PairedChart | StackedChart],
    dq: DqStatus,
    info: BuildInfo,
    window_text: str = "",
) -> str:
    ds, mle = data.volume_of("data_scientist"), data.volume_of("ml_engineer")
    sample_text = ""
    if ds and mle:
        sample_text = (
            f" Skill shares use the skills sample: {fmt.count(ds.skills_sample_n)} data scientist and "
            f"{fmt.count(mle.skills_sample_n)} ML engineer roles."
        )
    sections = [
        ("headline", "Headline figures", [headline(data)]),
        (
            "skills",
            "Skills you already have vs skills you need",
            [
                tag(
                    "p",
                    "How often each skill appears in data scientist (DS) and ML engineer (MLE) roles. "
                    "Overlap skills are common in both; bridging skills are the ones ML engineering adds. "
                    "Even inside the overlap the frequency gap can be large (PyTorch, TensorFlow)."
                    + sample_text,
                ),
                _figure(
                    charts["skills_gap"], charts["skills_gap"].title + ". " + specs["skills_gap"].description
                ),
                _paired_table(specs["skills_gap"], "Skill"),  # type: ignore[arg-type]
            ],
        ),
        (
            "llm",
            "The LLM factor",
            [
                tag(
                    "p", "Large language models are the biggest new skill domain in ML engineering postings."
                ),
                _figure(charts["llm_factor"], specs["llm_factor"].description),
                _paired_table(specs["llm_factor"], "Skill"),  # type: ignore[arg-type]
            ],
        ),
        (
            "falls-away",
            "What falls away",
            [
                tag(
                    "p",
                    "The analytical layer of data science (SQL, R, causal "
                    "inference, statistics, experiments, "
                    "BI tools) moves from the centre of the role to the periphery.",
                ),
                _figure(charts["falls_away"], specs["falls_away"].description),
                _paired_table(specs["falls_away"], "Skill"),  # type: ignore[arg-type]
            ],
        ),
        (
            "seniority",
            "Seniority distribution",
            [
                tag("p", "Share of in-scope openings at each level, from the title."),
                _figure(charts["seniority_mix"], specs["seniority_mix"].description),
                _stacked_table(specs["seniority_mix"]),  # type: ignore[arg-type]
            ],
        ),
        (
            "industry",
            "Industry mix and startups",
            [
                tag(
                    "p",
                    "Where the openings are, by the hiring company's industry, and how many are at startups.",
                ),
                _figure(charts["industry_mix"], specs["industry_mix"].description),
                _paired_table(specs["industry_mix"], "Industry"),  # type: ignore[arg-type]
            ],
        ),
        (
            "salary",
            "The salary comparison",
            [
                tag(
                    "p",
                    "US markets only, where pay disclosure is common; "
                    "amounts are posted annual base ranges in "
                    "USD (never converted from other currencies).",
                ),
                _figure(
                    charts["salary_bands"],
                    charts["salary_bands"].title
                    + ". "
                    + "Median posted minimum to median posted maximum per role family, midpoint marked.",
                ),
                table(
                    ["Role family", "Band (median min–median max)", "Midpoint", "n (roles)"],
                    [
                        [
                            fmt.role_label(b.role_family),
                            fmt.usd_range(b.min_p50_usd, b.max_p50_usd)
                            if b.is_published
                            else fmt.NOT_PUBLISHED,
                            fmt.usd_k(b.midpoint_usd) if b.is_published else "–",
                            fmt.count(b.salary_sample_n),
                        ]
                        for b in data.salary
                    ],
                    numeric=(2, 3),
                ),
            ],
        ),
        ("reproduction", "Published vs computed", [reproduction(data)]),
        ("funnel", "Pipeline funnel: what was excluded and why", [funnel(data)]),
        ("data-quality", "Data-quality status", [data_quality(dq)]),
        ("build", "About this build", [build_section(data, info, list(charts.values()))]),
    ]
    nav = tag(
        "nav",
        tag("ol", *(tag("li", tag("a", title, href=f"#{sid}")) for sid, title, _ in sections)),
        aria_label="Contents",
    )
    intro = tag(
        "p",
        "This page compares data scientist and ML engineer job postings "
        "and checks each figure against the article "
        '"From Data Scientist to ML Engineer: When SQL Stops Being '
        'the Point". A share is the fraction of roles '
        "(one requisition posted in several places counts once) or "
        "openings that mention something; whiskers and "
        "brackets show 95% intervals. Where a sample has fewer than "
        f"{fmt.MIN_SAMPLE_N} roles the share is shown as \u201c{fmt.NOT_PUBLISHED}\u201d, never as 0.",
        class_="lede",
    )
    links = tag(
        "p",
        tag("span", window_text, data_testid="analysis-window"),
        " ",
        tag("a", "Interactive dashboard and job feed", href="dashboard.html"),
        " · ",
        tag("a", "Data Docs (Great Expectations)", href="data-docs/index.html"),
        " · ",
        tag("a", "dbt docs", href="dbt-docs.html"),
        class_="links",
    )
    header = tag(
        "header",
        tag("h1", "From data scientist to ML engineer: what the job postings say"),
        intro,
        links,
        nav,
        class_="page",
    )
    main = tag("main", *(_section(sid, title, *body) for sid, title, body in sections))
    footer = tag("footer", f"Generated {info.generated_at} by rolegap report from {info.warehouse}.")
    head = join(
        [
            Html('<meta charset="utf-8">'),
            Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
            tag("title", "rolegap report: data scientist vs ML engineer postings"),
            tag("style", Html(STYLE)),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        + tag("html", tag("head", head), tag("body", header, main, footer), lang="en")
        + "\n"
    )
