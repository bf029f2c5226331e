"""Calibration targets at scale 1: the article's figures the truth file must hit exactly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WINDOW_START = date(2025, 11, 1)
WINDOW_END = date(2026, 2, 28)
MARKETS = ("new_york", "san_francisco", "london", "denver", "singapore")
US_MARKETS = ("new_york", "san_francisco", "denver")
FAMILIES = ("ml_engineer", "data_scientist")
SENIORITIES = ("junior", "mid", "senior", "staff_principal", "director_plus")
INDUSTRIES = (
    "mobility",
    "ai_ml",
    "consumer",
    "fintech",
    "enterprise_software",
    "healthcare",
    "media",
    "hardware",
    "consulting",
    "unknown",
)
FULL_MIN_CHARS = 900
STUB_MAX_CHARS = 250


def scaled(count: int | float, scale: float) -> int:
    """count x scale, rounded half up (the same rounding everywhere, so targets are reproducible)."""
    return int(count * scale + 0.5)


def pct_of(percent: int, n: int) -> int:
    """round(percent% of n), half up, in integers (no float drift: 85% of 430 = 366)."""
    return (percent * n + 50) // 100


@dataclass(frozen=True)
class FamilyTargets:
    openings: int
    roles: int
    skills_sample: int
    salary_sample: int
    salary_min_median: int
    salary_max_median: int
    seniority: dict[str, float]
    industry: dict[str, float]
    startup_share: float


TARGETS: dict[str, FamilyTargets] = {
    "ml_engineer": FamilyTargets(
        openings=2950,
        roles=1100,
        skills_sample=858,
        salary_sample=306,
        salary_min_median=193_000,
        salary_max_median=255_000,
        seniority={
            "junior": 0.05,
            "mid": 0.18,
            "senior": 0.47,
            "staff_principal": 0.26,
            "director_plus": 0.04,
        },
        industry={
            "mobility": 0.18,
            "ai_ml": 0.15,
            "consumer": 0.12,
            "fintech": 0.12,
            "enterprise_software": 0.17,
            "healthcare": 0.10,
            "media": 0.06,
            "hardware": 0.06,
            "consulting": 0.02,
            "unknown": 0.02,
        },
        startup_share=0.21,
    ),
    "data_scientist": FamilyTargets(
        openings=1940,
        roles=700,
        skills_sample=430,
        salary_sample=163,
        salary_min_median=167_000,
        salary_max_median=236_000,
        seniority={
            "junior": 0.10,
            "mid": 0.28,
            "senior": 0.40,
            "staff_principal": 0.17,
            "director_plus": 0.05,
        },
        industry={
            "fintech": 0.22,
            "mobility": 0.07,
            "ai_ml": 0.08,
            "consumer": 0.18,
            "enterprise_software": 0.16,
            "healthcare": 0.12,
            "media": 0.08,
            "hardware": 0.03,
            "consulting": 0.04,
            "unknown": 0.02,
        },
        startup_share=0.14,
    ),
}

# Skill shares over the skills sample, as (data_scientist, ml_engineer). An int is a percent of the
# sample; a string "#n" is an exact number of roles at scale 1.
SKILL_SHARES: dict[str, tuple[int | str, int | str]] = {
    "sql": (85, 19),
    "r": (34, 1),
    "python": (90, 88),
    "pytorch": (13, 44),
    "tensorflow": (13, 31),
    "aws": (13, 26),
    "gcp": (7, 19),
    "azure": (5, 13),
    "c++": (2, 18),
    "kubernetes": (4, 14),
    "docker": (3, 11),
    "mlops": (2, 11),
    "ci/cd": (1, 6),
    "llm": (7, 27),
    "rag": ("#2", 13),
    "prompt engineering": (2, 8),
    "causal inference": (24, "#4"),
    "statistics": (16, 2),
    "a/b testing": (14, 4),
    "tableau": (12, 0),
    "looker": (10, 0),
    "machine learning": (55, 60),
    "spark": (14, 15),
    "scikit-learn": (20, 12),
    "pandas": (18, 8),
    "numpy": (8, 10),
    "deep learning": (10, 25),
    "nlp": (8, 12),
    "computer vision": (3, 12),
    "java": (2, 8),
    "scala": (3, 6),
    "go": (0, 4),
    "rust": (0, 3),
    "javascript": (1, 3),
    "c#": (1, 1),
    "nosql": (2, 4),
    "airflow": (6, 7),
    "dbt": (5, 1),
    "snowflake": (8, 3),
    "databricks": (6, 5),
    "bigquery": (7, 3),
    "kafka": (1, 6),
    "terraform": (0, 4),
    "git": (10, 12),
    "linux": (1, 6),
    "experimentation": (12, 3),
    "bayesian": (6, 1),
    "time series": (7, 3),
    "forecasting": (9, 2),
    "recommendation systems": (4, 8),
    "power bi": (3, 0),
    "excel": (6, 0),
    "data visualization": (12, 1),
    "mlflow": (2, 5),
    "kubeflow": (0, 3),
    "sagemaker": (1, 4),
    "vertex ai": (0, 2),
    "ray": (0, 4),
    "triton": (0, 3),
    "onnx": (0, 3),
    "tensorrt": (0, 3),
    "cuda": (0, 7),
    "distributed training": (0, 6),
    "model serving": (0, 8),
    "feature store": (1, 3),
    "vector database": (0, 5),
    "fine-tuning": (1, 7),
    "transformers": (2, 8),
    "generative ai": (4, 9),
    "reinforcement learning": (1, 4),
    "julia": (1, 0),
    "jax": (0, 3),
    "keras": (2, 2),
    "xgboost": (5, 2),
    "hadoop": (2, 1),
    "typescript": (0, 2),
}


def skill_count(skill: str, family: str, sample_n: int, scale: float = 1.0) -> int:
    """How many roles of the skills sample get the skill (exact at scale 1)."""
    share = SKILL_SHARES[skill][0 if family == "data_scientist" else 1]
    if isinstance(share, str):
        return min(sample_n, scaled(int(share.lstrip("#")), scale))
    return pct_of(share, sample_n)


# Excluded openings at scale 1 (approximate by design: only in-scope figures are exact).
EXCLUDED_OPENINGS = {"agency": 150, "out_of_scope_role": 1200, "outside_window": 300, "outside_markets": 250}
REFETCH_SHARE = 0.15
REFETCH_CHANGED_SHARE = 0.3
