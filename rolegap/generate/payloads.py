"""Raw payload objects, shaped like each career-page API returns them (no labels inside)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rolegap.generate.plan import Opening, Pay, Role
from rolegap.generate.text import Description

LEVER_INTERVAL = {"year": "per-year-salary", "hour": "per-hour-wage", "month": "per-month-salary"}
ASHBY_INTERVAL = {"year": "1 YEAR", "hour": "1 HOUR", "month": "1 MONTH"}
TEAMS = ["Engineering", "Data", "Product", "Research", "Operations", "Growth"]


@dataclass
class Posting:
    """One version of one opening, ready to serialise."""

    role: Role
    opening: Opening
    description: Description
    description_html: str
    fetched: date
    changed: bool  # the re-fetched version with a small edit (a new payload version)
    internal_id: int
    salary_text: str | None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _structured(pay: Pay | None) -> Pay | None:
    return pay if pay is not None and pay.mode == "structured" else None


def greenhouse(posting: Posting) -> dict[str, Any]:
    role, opening = posting.role, posting.opening
    assert role.company is not None and role.posted_at is not None
    job_id = int(opening.source_job_id)
    updated = role.posted_at + timedelta(hours=2)
    if posting.changed:
        updated = datetime.combine(posting.fetched, updated.timetz()) - timedelta(hours=3)
    department = TEAMS[role.index % len(TEAMS)]
    job: dict[str, Any] = {
        "absolute_url": f"https://job-boards.greenhouse.io/{role.company.slug}/jobs/{job_id}",
        "data_compliance": [{"type": "gdpr", "requires_consent": False, "retention_period": None}],
        "internal_job_id": posting.internal_id,
        "location": {"name": opening.location},
        "metadata": None
        if role.index % 3
        else [
            {"id": 4012345, "name": "Employment Type", "value": "Full-time", "value_type": "single_select"}
        ],
        "id": job_id,
        "updated_at": _iso(updated),
        "title": role.title,
        "company_name": role.company.name,
        "first_published": _iso(role.posted_at),
        "content": html.escape(posting.description_html, quote=True),
        "departments": [
            {"id": 40000 + TEAMS.index(department), "name": department, "child_ids": [], "parent_id": None}
        ],
        "offices": [
            {
                "id": 50000 + len(opening.location),
                "name": opening.location,
                "location": opening.location,
                "child_ids": [],
                "parent_id": None,
            }
        ],
    }
    pay = _structured(opening.pay)
    if pay is not None:
        job["pay_input_ranges"] = [
            {
                "min_cents": pay.low * 100,
                "max_cents": pay.high * 100,
                "currency_type": pay.currency,
                "title": "Base salary" if pay.currency == "USD" else f"Base salary ({pay.currency})",
                "blurb": "Final offers depend on experience, skills and location.",
            }
        ]
    return job


def lever(posting: Posting) -> dict[str, Any]:
    role, opening, desc = posting.role, posting.opening, posting.description
    assert role.company is not None and role.posted_at is not None
    team = TEAMS[role.index % len(TEAMS)]
    job: dict[str, Any] = {
        "additional": desc.closing_html(),
        "additionalPlain": "\n".join(desc.closing),
        "categories": {
            "commitment": "Full-time",
            "department": "Technology" if not posting.changed else "Technology & Data",
            "location": opening.location,
            "team": team,
            "allLocations": [opening.location],
        },
        "createdAt": int(role.posted_at.timestamp() * 1000),
        "descriptionPlain": "\n".join(desc.intro),
        "description": desc.intro_html(),
        "id": opening.source_job_id,
        "lists": [{"text": heading, "content": desc.items_html(items)} for heading, items in desc.sections],
        "text": role.title,
        "country": opening.country.upper(),
        "workplaceType": "hybrid" if opening.market != "other" else "remote",
        "hostedUrl": f"https://jobs.lever.co/{role.company.slug}/{opening.source_job_id}",
        "applyUrl": f"https://jobs.lever.co/{role.company.slug}/{opening.source_job_id}/apply",
    }
    pay = _structured(opening.pay)
    if pay is not None:
        job["salaryRange"] = {
            "currency": pay.currency,
            "interval": LEVER_INTERVAL[pay.interval],
            "min": pay.low,
            "max": pay.high,
        }
    return job


def ashby(posting: Posting) -> dict[str, Any]:
    role, opening, desc = posting.role, posting.opening, posting.description
    assert role.company is not None and role.posted_at is not None
    job: dict[str, Any] = {
        "id": opening.source_job_id,
        "title": role.title,
        "department": TEAMS[role.index % len(TEAMS)],
        "team": "Platform" if not posting.changed else "Platform & Data",
        "employmentType": "FullTime",
        "location": opening.location,
        "secondaryLocations": [],
        "publishedAt": role.posted_at.astimezone(UTC).isoformat(timespec="milliseconds"),
        "isListed": True,
        "isRemote": opening.location.startswith("Remote"),
        "descriptionHtml": posting.description_html,
        "descriptionPlain": desc.plain(),
        "jobUrl": f"https://jobs.ashbyhq.com/{role.company.slug}/{opening.source_job_id}",
        "applyUrl": f"https://jobs.ashbyhq.com/{role.company.slug}/{opening.source_job_id}/application",
    }
    pay = _structured(opening.pay)
    if pay is not None:
        symbol = {"USD": "$", "GBP": "£", "SGD": "S$"}[pay.currency]
        components: list[dict[str, Any]] = [
            {
                "compensationType": "Salary",
                "interval": ASHBY_INTERVAL[pay.interval],
                "currencyCode": pay.currency,
                "minValue": pay.low,
                "maxValue": pay.high,
            }
        ]
        if role.index % 2:
            components.insert(
                0,
                {
                    "compensationType": "EquityPercentage",
                    "interval": "NONE",
                    "currencyCode": None,
                    "minValue": 0.01,
                    "maxValue": 0.05,
                },
            )
        job["compensation"] = {
            "compensationTierSummary": f"{symbol}{pay.low:,} – {symbol}{pay.high:,}",
            "summaryComponents": components,
        }
    return job


def jsonl(posting: Posting) -> dict[str, Any]:
    role, opening = posting.role, posting.opening
    assert role.company is not None and role.posted_at is not None
    posted = role.posted_at.date().isoformat() if role.index % 2 else _iso(role.posted_at)
    job: dict[str, Any] = {
        "source_job_id": opening.source_job_id,
        "company": role.company.name,
        "title": role.title,
        "description": posting.description_html if role.index % 4 else posting.description.plain(),
        "location": opening.location,
        "posted_at": posted,
        "fetched_at": f"{posting.fetched.isoformat()}T06:00:00Z",
        "url": f"https://careers.example.com/{role.company.slug}/{opening.source_job_id}"
        + ("?ref=refresh" if posting.changed else ""),
    }
    pay = opening.pay
    if pay is not None and pay.mode == "structured":
        job.update(
            salary_min=pay.low,
            salary_max=pay.high,
            salary_currency=pay.currency,
            salary_interval=pay.interval,
        )
    if posting.salary_text:
        job["salary_text"] = posting.salary_text
    return job


BUILDERS = {"greenhouse": greenhouse, "lever": lever, "ashby": ashby, "jsonl": jsonl}
