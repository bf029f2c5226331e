"""Number and label formatting shared by the page and the charts. "
"Everything returned is plain text (unescaped)."""

from __future__ import annotations

# Mirrors dbt var('min_sample_n'): the marts null a share whose n is below it.
MIN_SAMPLE_N = 30
NOT_PUBLISHED = f"not published (n < {MIN_SAMPLE_N})"

ROLE_LABELS = {
    "data_scientist": "Data scientist",
    "ml_engineer": "ML engineer",
    "all": "All",
    "other": "Other",
}
ROLE_SHORT = {"data_scientist": "DS", "ml_engineer": "MLE"}
SENIORITY_LABELS = {
    "junior": "Junior",
    "mid": "Mid",
    "senior": "Senior",
    "staff_principal": "Staff/principal",
    "director_plus": "Director+",
}
INDUSTRY_LABELS = {
    "ai_ml": "AI/ML",
    "enterprise_software": "Enterprise software",
    "fintech": "Fintech",
    "mobility": "Mobility",
    "consumer": "Consumer",
    "healthcare": "Healthcare",
    "hardware": "Hardware",
    "media": "Media",
    "consulting": "Consulting",
    "unknown": "Unknown company",
}
ROLE_ORDER = ("data_scientist", "ml_engineer")


def role_label(role_family: str) -> str:
    return ROLE_LABELS.get(role_family, role_family.replace("_", " ").capitalize())


def seniority_label(seniority: str) -> str:
    return SENIORITY_LABELS.get(seniority, seniority.replace("_", " ").capitalize())


def industry_label(industry: str) -> str:
    return INDUSTRY_LABELS.get(industry, industry.replace("_", " ").capitalize())


def pct(share: float | None, digits: int = 0) -> str:
    """A 0..1 share as a percentage; None reads as not published (never as 0)."""
    if share is None:
        return NOT_PUBLISHED
    value = 100 * share
    if digits == 0 and 0 < value < 0.5:
        return "<1%"
    return f"{value:.{digits}f}%"


def pct_interval(lower: float | None, upper: float | None) -> str:
    if lower is None or upper is None:
        return "–"
    return f"{100 * lower:.0f}–{100 * upper:.0f}%"


def pts(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:+.0f} pts"


def usd_k(value: float | None) -> str:
    """$193k style."""
    if value is None:
        return "–"
    return f"${value / 1000:,.0f}k"


def usd_range(low: float | None, high: float | None) -> str:
    return f"{usd_k(low)}–{usd_k(high)}"


def count(value: int | float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}"


def ratio(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}×"


def by_unit(value: float | None, unit: str) -> str:
    """A reproduction figure in its unit (pct values there are already 0..100)."""
    if value is None:
        return "not computed"
    if unit == "pct":
        return f"{value:.1f}%"
    if unit == "usd":
        return f"${value:,.0f}"
    if unit == "ratio":
        return f"{value:.2f}"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:g}"


def signed_by_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    magnitude = by_unit(abs(value), unit)
    if unit == "pct":
        magnitude = magnitude.replace("%", " pts")
    return f"{sign}{magnitude}"
