"""The corpus's fictional companies (a data file of this package) and the recruitment agencies (a seed).

The fictional companies are corpus data, not a warehouse seed: `rolegap generate` writes their
profiles into the corpus (`payloads/companies/companies.jsonl`), and `rolegap ingest` lands them in
`raw.company_profiles` like any user's company profile file."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rolegap.config import SEEDS_DIR

COMPANIES_FILE = Path(__file__).with_name("companies.csv")

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
    in_seed: bool = True  # has a company profile in the corpus
    is_agency: bool = False
    hq: str = ""

    @property
    def slug(self) -> str:
        return board_slug(self.name)


# Companies that post but have no profile in the corpus (industry unknown in the truth).
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
            f"{path} is missing: the generator reads its companies and the agency seed from it"
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_companies(path: Path = COMPANIES_FILE) -> list[Company]:
    """The fictional companies the corpus's postings come from (with a profile each)."""
    companies = []
    for line, row in enumerate(_read(path), start=2):
        if row["ats"] not in ATS_SOURCES:
            raise ValueError(f"{path} line {line}: unknown ats {row['ats']!r}")
        companies.append(
            Company(row["company_name"], row["industry"], row["is_startup"] == "true", row["ats"],
                    hq=row["hq"])
        )
    return companies


def profile_record(company: Company) -> dict[str, object]:
    """One line of a company profile file (the shape `rolegap ingest` reads into raw.company_profiles)."""
    return {
        "company": company.name,
        "industry": company.industry,
        "is_startup": company.is_startup,
        "hq": company.hq,
        "ats": company.ats,
        "board": company.slug if company.ats != "jsonl" else None,
    }


def write_profiles(companies: list[Company], path: Path) -> int:
    """Write the profiles of `companies` as JSONL (one object a line, in name order); returns the count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(profile_record(c), ensure_ascii=False, sort_keys=True)
             for c in sorted(companies, key=lambda c: c.name)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def load_agencies(seeds_dir: Path = SEEDS_DIR) -> list[Company]:
    """The seed's fictional firms (is_reference_corpus): the real firms listed for real postings
    are not posted as, so the corpus does not change when the list of real firms grows."""
    return [
        Company(row["agency_name"], "unknown", False, "jsonl", in_seed=False, is_agency=True)
        for row in _read(seeds_dir / "recruitment_agencies.csv")
        if row["is_reference_corpus"] == "true"
    ]
