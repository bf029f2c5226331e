"""Companies and recruitment agencies, read from the repo's seeds at run time."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from rolegap.generate.taxonomy import SEEDS_DIR

ATS_SOURCES = ("greenhouse", "lever", "ashby", "jsonl")


def board_slug(name: str) -> str:
    """The career-board slug: lowercase letters and digits only (the warehouse's company key)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(frozen=True)
class Company:
    name: str
    industry: str  # an industry of the seed, or "unknown" when not in the seed
    is_startup: bool
    ats: str
    in_seed: bool = True
    is_agency: bool = False

    @property
    def slug(self) -> str:
        return board_slug(self.name)


# Companies that post but are not in seeds/companies.csv (industry unknown in the truth).
UNKNOWN_COMPANIES = [
    Company("Brackenridge Outfitters", "unknown", False, "greenhouse", in_seed=False),
    Company("Quayside Mercantile", "unknown", False, "lever", in_seed=False),
    Company("Tollgate Commerce", "unknown", False, "ashby", in_seed=False),
    Company("Whistler & Vane", "unknown", False, "jsonl", in_seed=False),
    Company("Moorfield Cooperative", "unknown", False, "greenhouse", in_seed=False),
    Company("Gannet Street Holdings", "unknown", False, "jsonl", in_seed=False),
]
# Recruitment firms absent from seeds/recruitment_agencies.csv: only their client cues reveal them.
UNLISTED_AGENCIES = [
    Company("Apex Quant Recruiting", "unknown", False, "jsonl", in_seed=False, is_agency=True),
    Company("Hartley Morgan Talent", "unknown", False, "jsonl", in_seed=False, is_agency=True),
    Company("Fieldhouse Search", "unknown", False, "jsonl", in_seed=False, is_agency=True),
    Company("Calloway Technical", "unknown", False, "jsonl", in_seed=False, is_agency=True),
]


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the generator reads companies and agencies from the seeds"
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_companies(seeds_dir: Path = SEEDS_DIR) -> list[Company]:
    companies = []
    for line, row in enumerate(_read(seeds_dir / "companies.csv"), start=2):
        if row["ats"] not in ATS_SOURCES:
            raise ValueError(f"{seeds_dir / 'companies.csv'} line {line}: unknown ats {row['ats']!r}")
        companies.append(
            Company(row["company_name"], row["industry"], row["is_startup"] == "true", row["ats"])
        )
    return companies


def load_agencies(seeds_dir: Path = SEEDS_DIR) -> list[Company]:
    """The seed's fictional firms (is_reference_corpus): the real firms listed for real postings
    are not posted as, so the corpus does not change when the list of real firms grows."""
    return [
        Company(row["agency_name"], "unknown", False, "jsonl", in_seed=False, is_agency=True)
        for row in _read(seeds_dir / "recruitment_agencies.csv")
        if row["is_reference_corpus"] == "true"
    ]
