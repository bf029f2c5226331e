"""Turn mart rows into chart specs (what each chart shows, in which order)."""

from __future__ import annotations

from rolegap.report import colors, fmt
from rolegap.report.data import MixRow, ReportData, SkillRow
from rolegap.report.spec import (
    Estimate,
    PairedChart,
    PairedGroup,
    PairedRow,
    RangeBar,
    RangeChart,
    Segment,
    StackedBar,
    StackedChart,
)

MAX_OVERLAP = 10
MAX_BRIDGING = 12
LLM_SKILLS = ("llm", "rag", "prompt engineering")
FALLS_AWAY_SKILLS = ("sql", "r", "causal inference", "statistics", "a/b testing", "tableau", "looker")
MAX_INDUSTRIES = 10


def _by_mle_share(row: SkillRow) -> tuple[bool, float]:
    return (row.mle_share is None, -(row.mle_share or 0.0))


def _skill_row(row: SkillRow) -> PairedRow:
    return PairedRow(
        label=row.display_name,
        ds=Estimate(row.ds_share, row.ds_share_lower, row.ds_share_upper, row.ds_sample_n),
        mle=Estimate(row.mle_share, row.mle_share_lower, row.mle_share_upper, row.mle_sample_n),
        note=fmt.pts(row.gap_pts),
    )


def skills_chart(data: ReportData) -> PairedChart:
    overlap = sorted((s for s in data.skills if s.skill_group == "overlap"), key=_by_mle_share)[:MAX_OVERLAP]
    bridging = sorted((s for s in data.skills if s.skill_group == "bridging"), key=_by_mle_share)[
        :MAX_BRIDGING
    ]
    return PairedChart(
        name="skills_gap",
        title="Skills you already have vs skills you need",
        description=(
            "Share of data scientist (DS, lighter bar) and ML engineer "
            "(MLE, darker bar) roles mentioning each skill, "
            "with 95% intervals as whiskers. Top, in blue: overlap "
            "skills both roles ask for; below the rule, in "
            "orange: bridging skills ML engineering adds. Right: the gap in percentage points."
        ),
        groups=[
            PairedGroup(
                "Overlap: both roles ask for these", colors.OVERLAP, [_skill_row(s) for s in overlap]
            ),
            PairedGroup(
                "Bridging: what ML engineering adds", colors.BRIDGING, [_skill_row(s) for s in bridging]
            ),
        ],
    )


def _named_skills_chart(
    data: ReportData,
    name: str,
    title: str,
    description: str,
    skills: tuple[str, ...],
    palette: tuple[str, str, str],
) -> PairedChart:
    rows = [_skill_row(s) for s in (data.skill(k) for k in skills) if s is not None]
    return PairedChart(
        name=name, title=title, description=description, groups=[PairedGroup("", palette, rows)]
    )


def llm_chart(data: ReportData) -> PairedChart:
    return _named_skills_chart(
        data,
        "llm_factor",
        "The LLM factor",
        "Share of DS and MLE roles mentioning LLMs, RAG and prompt engineering, with 95% intervals.",
        LLM_SKILLS,
        colors.NEUTRAL,
    )


def falls_away_chart(data: ReportData) -> PairedChart:
    return _named_skills_chart(
        data,
        "falls_away",
        "What falls away",
        "Analytical skills that are common in DS roles and rare in MLE roles, with 95% intervals.",
        FALLS_AWAY_SKILLS,
        colors.FALLS_AWAY,
    )


def _mix_estimate(rows: list[MixRow], role_family: str, key: str) -> Estimate:
    row = next((r for r in rows if r.role_family == role_family and r.dimension == key), None)
    if row is None:
        return Estimate(0.0, 0.0, 0.0, None)
    return Estimate(row.share, row.share_lower, row.share_upper, row.family_openings_n)


def _gap_note(ds: Estimate, mle: Estimate) -> str:
    if ds.value is None or mle.value is None:
        return "–"
    return fmt.pts(100 * (mle.value - ds.value))


def industry_chart(data: ReportData) -> PairedChart:
    mle_order = {r.dimension: -(r.share or 0.0) for r in data.industry if r.role_family == "ml_engineer"}
    industries = sorted({r.dimension for r in data.industry}, key=lambda k: (mle_order.get(k, 0.0), k))
    rows = []
    for key in industries[:MAX_INDUSTRIES]:
        ds = _mix_estimate(data.industry, "data_scientist", key)
        mle = _mix_estimate(data.industry, "ml_engineer", key)
        rows.append(PairedRow(fmt.industry_label(key), ds, mle, _gap_note(ds, mle)))
    startup_rows = []
    ds_vol, mle_vol = data.volume_of("data_scientist"), data.volume_of("ml_engineer")
    if ds_vol is not None and mle_vol is not None:
        ds = Estimate(
            ds_vol.startup_share, ds_vol.startup_share_lower, ds_vol.startup_share_upper, ds_vol.openings_n
        )
        mle = Estimate(
            mle_vol.startup_share,
            mle_vol.startup_share_lower,
            mle_vol.startup_share_upper,
            mle_vol.openings_n,
        )
        startup_rows.append(PairedRow("Startups", ds, mle, _gap_note(ds, mle)))
    return PairedChart(
        name="industry_mix",
        title="Industry mix and startup share",
        description=(
            "Share of in-scope DS and MLE openings by company industry "
            "(largest MLE sectors first), and the share "
            "at startups, with 95% intervals."
        ),
        groups=[
            PairedGroup("Industry", colors.NEUTRAL, rows),
            PairedGroup("Startups", colors.NEUTRAL, startup_rows),
        ],
        axis_label="Share of in-scope openings",
    )


def seniority_chart(data: ReportData) -> StackedChart:
    ranks = sorted({(r.rank, r.dimension) for r in data.seniority})
    categories = [(key, fmt.seniority_label(key)) for _, key in ranks]
    ramp = colors.SENIORITY_RAMP
    palette = tuple(ramp[min(i, len(ramp) - 1)] for i in range(len(categories)))
    bars = []
    for family in fmt.ROLE_ORDER:
        rows = [r for r in data.seniority if r.role_family == family]
        if not rows:
            continue
        by_key = {r.dimension: r for r in rows}
        segments = [
            Segment(
                key,
                label,
                by_key[key].share if key in by_key else 0.0,
                by_key[key].openings_n if key in by_key else 0,
            )
            for key, label in categories
        ]
        bars.append(StackedBar(fmt.role_label(family), rows[0].family_openings_n, segments))
    staff = {b.label: next((s.share for s in b.segments if s.key == "staff_principal"), None) for b in bars}
    ds_staff, mle_staff = (
        staff.get(fmt.role_label("data_scientist")),
        staff.get(fmt.role_label("ml_engineer")),
    )
    takeaway = ""
    if ds_staff is not None and mle_staff is not None:
        takeaway = (
            f"Staff/principal: ML engineer {fmt.pct(mle_staff)} vs data scientist {fmt.pct(ds_staff)} "
            f"({fmt.pts(100 * (mle_staff - ds_staff))})"
        )
    return StackedChart(
        name="seniority_mix",
        title="Seniority distribution comparison",
        description=(
            "Share of in-scope openings by seniority, junior (lightest) "
            "to director+ (darkest), per role family. "
            "The outlined segment is staff/principal."
        ),
        categories=categories,
        colors=palette,
        bars=bars,
        highlight="staff_principal",
        takeaway=takeaway,
    )


def salary_chart(data: ReportData) -> RangeChart:
    bars = []
    for family in fmt.ROLE_ORDER:  # bottom to top: DS, then MLE
        band = data.salary_of(family)
        if band is None:
            continue
        published = band.is_published
        bars.append(
            RangeBar(
                label=fmt.role_label(family),
                low=band.min_p50_usd if published else None,
                high=band.max_p50_usd if published else None,
                mid=(band.midpoint_usd if band.midpoint_usd is not None else None) if published else None,
                n=band.salary_sample_n,
                color=colors.SALARY.get(family, colors.NEUTRAL[1]),
            )
        )
    takeaway = ""
    ds, mle = data.salary_of("data_scientist"), data.salary_of("ml_engineer")
    if ds and mle and ds.is_published and mle.is_published and ds.midpoint_usd and mle.midpoint_usd:
        takeaway = (
            f"ML engineer midpoint {fmt.usd_k(mle.midpoint_usd)} vs data "
            f"scientist {fmt.usd_k(ds.midpoint_usd)}: "
            f"a premium of {fmt.usd_k(mle.midpoint_usd - ds.midpoint_usd)}"
        )
    return RangeChart(
        name="salary_bands",
        title="The salary comparison",
        description=(
            "US annual base salary band per role family: median posted "
            "minimum to median posted maximum, with the "
            "midpoint marked. n = roles with a posted USD range."
        ),
        bars=bars,
        takeaway=takeaway,
    )
