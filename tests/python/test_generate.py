"""The reference corpus: determinism, exact calibration from the truth file, payload shapes, texts."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from rolegap.config import PROJECT_ROOT
from rolegap.generate import generate_corpus
from rolegap.generate import targets as tg
from rolegap.generate.corpus import shard_scales
from rolegap.generate.taxonomy import canonical_skills
from rolegap.generate.text import html_to_text

TRUTH_FIELDS = {
    "source",
    "board",
    "source_job_id",
    "company",
    "title",
    "location",
    "market",
    "country",
    "posted_date",
    "role_family",
    "seniority",
    "is_agency",
    "industry",
    "is_startup",
    "is_in_scope",
    "exclusion_reason",
    "requisition_id",
    "has_full_description",
    "skills",
    "salary_currency",
    "salary_min_annual",
    "salary_max_annual",
    "salary_min_usd",
    "salary_max_usd",
    "in_salary_sample",
    "versions_n",
}
LEAK_KEYS = {
    "role_family",
    "seniority",
    "skills",
    "is_in_scope",
    "exclusion_reason",
    "requisition_id",
    "industry",
    "is_agency",
    "in_salary_sample",
    "is_startup",
    "has_full_description",
    "label",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, scale=1, seed=42)
    return out


@pytest.fixture(scope="module")
def truth(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "truth" / "postings.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _iter_payloads(corpus: Path):
    """(source, board, fetched date, payload) for every payload version in every file."""
    for path in sorted((corpus / "payloads").rglob("*")):
        if not path.is_file():
            continue
        source = path.parent.name
        if source == "companies":  # company profiles (corpus data, not postings)
            continue
        stem, _, rest = path.name.partition("__")
        fetched = rest[:10]
        if source == "jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                yield source, record["company"], record["fetched_at"][:10], record, line
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        jobs = data["jobs"] if isinstance(data, dict) else data
        for job in jobs:
            yield source, stem, fetched, job, json.dumps(job, sort_keys=True)


def _job_id(source: str, job: dict[str, Any]) -> str:
    return str(job["source_job_id"] if source == "jsonl" else job["id"])


def _description_text(source: str, job: dict[str, Any]) -> str:
    if source == "greenhouse":
        markup = html.unescape(job["content"])
    elif source == "lever":
        lists = "\n".join(f"<h3>{item['text']}</h3><ul>{item['content']}</ul>" for item in job["lists"])
        markup = "\n".join([job["description"], lists, job["additional"]])
    elif source == "ashby":
        markup = job["descriptionHtml"]
    else:
        markup = job["description"]
    return html_to_text(markup)


@pytest.fixture(scope="module")
def payloads(corpus: Path) -> dict[tuple[str, str, str], list[tuple[str, dict[str, Any], str]]]:
    versions: dict[tuple[str, str, str], list[tuple[str, dict[str, Any], str]]] = defaultdict(list)
    for source, board, fetched, job, canonical in _iter_payloads(corpus):
        versions[(source, board, _job_id(source, job))].append((fetched, job, canonical))
    return versions


def test_shard_scales() -> None:
    assert shard_scales(1) == [1.0]
    assert shard_scales(2.5) == [1.0, 1.0, 0.5]
    assert shard_scales(0.2) == [0.2]
    with pytest.raises(ValueError):
        shard_scales(0)


def test_deterministic(tmp_path: Path, corpus: Path) -> None:
    again = tmp_path / "again"
    generate_corpus(again, scale=1, seed=42)

    def digest(root: Path) -> dict[str, str]:
        return {
            str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    assert digest(again) == digest(corpus)
    other = tmp_path / "other"
    generate_corpus(other, scale=0.2, seed=7)
    assert digest(other) != digest(corpus)


def test_truth_lines_are_complete_and_keyed(truth: list[dict[str, Any]], payloads) -> None:
    keys = [(row["source"], row["board"], row["source_job_id"]) for row in truth]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(payloads)
    for row in truth:
        assert set(row) == TRUTH_FIELDS
        assert row["role_family"] in ("ml_engineer", "data_scientist", "other")
        assert row["seniority"] in tg.SENIORITIES
        assert row["industry"] in tg.INDUSTRIES
        assert (row["exclusion_reason"] is None) == row["is_in_scope"]


def _in_scope(truth: list[dict[str, Any]], family: str) -> list[dict[str, Any]]:
    return [row for row in truth if row["is_in_scope"] and row["role_family"] == family]


def _roles(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        roles[row["requisition_id"]].append(row)
    return roles


@pytest.mark.parametrize("family", tg.FAMILIES)
def test_calibration_exact(truth: list[dict[str, Any]], family: str) -> None:
    target = tg.TARGETS[family]
    rows = _in_scope(truth, family)
    assert len(rows) == target.openings
    roles = _roles(rows)
    sample = {rid: copies for rid, copies in roles.items() if copies[0]["has_full_description"]}
    assert len(sample) == target.skills_sample
    # Salary sample by the warehouse's definition, and the planted flag agrees with it.
    salary = {
        rid: next(c for c in copies if c["market"] in tg.US_MARKETS and c["salary_currency"] == "USD")
        for rid, copies in roles.items()
        if any(c["market"] in tg.US_MARKETS and c["salary_currency"] == "USD" for c in copies)
    }
    flagged = {rid for rid, copies in roles.items() if any(c["in_salary_sample"] for c in copies)}
    assert set(salary) == flagged
    assert len(salary) == target.salary_sample
    mins = [row["salary_min_usd"] for row in salary.values()]
    maxes = [row["salary_max_usd"] for row in salary.values()]
    assert statistics.median(mins) == target.salary_min_median
    assert statistics.median(maxes) == target.salary_max_median
    for rid, copies in roles.items():
        us = {(c["salary_min_usd"], c["salary_max_usd"]) for c in copies if c["market"] in tg.US_MARKETS}
        if rid in salary:
            assert len(us) == 1 and None not in next(iter(us))
            low, high = next(iter(us))
            assert low < high
    # Opening-weighted mixes within half a point.
    n = len(rows)
    seniority = Counter(row["seniority"] for row in rows)
    for level, share in target.seniority.items():
        assert abs(seniority[level] / n - share) <= 0.005, (level, seniority[level] / n)
    industry = Counter(row["industry"] for row in rows)
    for name, share in target.industry.items():
        assert abs(industry[name] / n - share) <= 0.005, (name, industry[name] / n)
    startups = sum(row["is_startup"] for row in rows)
    assert abs(startups / n - target.startup_share) <= 0.005
    # Skill counts: exactly round(share x sample) roles.
    counts = Counter(skill for copies in sample.values() for skill in copies[0]["skills"])
    for skill in tg.SKILL_SHARES:
        assert counts[skill] == tg.skill_count(skill, family, len(sample)), skill
    assert set(counts) <= set(tg.SKILL_SHARES)
    for copies in roles.values():
        assert len({(c["title"], c["company"], tuple(c["skills"])) for c in copies}) == 1


def test_skill_names_are_canonical() -> None:
    assert set(tg.SKILL_SHARES) <= canonical_skills()


def test_excluded_openings_present(truth: list[dict[str, Any]]) -> None:
    reasons = Counter(row["exclusion_reason"] for row in truth if not row["is_in_scope"])
    for reason, n in tg.EXCLUDED_OPENINGS.items():
        assert reasons[reason] >= n * 0.9, reason
    locations = {row["location"] for row in truth if row["exclusion_reason"] == "outside_markets"}
    assert {"London, Ontario, Canada", "New London, CT"} <= locations
    titles = {row["title"] for row in truth if row["exclusion_reason"] == "out_of_scope_role"}
    assert any("Intern" in title for title in titles)
    assert sum("<script>" in row["title"] for row in truth) == 1
    agencies = [row for row in truth if row["is_agency"]]
    assert all(row["role_family"] in ("ml_engineer", "data_scientist") for row in agencies)
    assert any(row["industry"] == "consulting" for row in truth if row["is_in_scope"])


def test_payload_shapes_and_no_leaks(payloads) -> None:
    required = {
        "greenhouse": {
            "id",
            "internal_job_id",
            "title",
            "location",
            "content",
            "absolute_url",
            "updated_at",
            "first_published",
            "departments",
            "offices",
            "metadata",
        },
        "lever": {
            "id",
            "text",
            "categories",
            "description",
            "descriptionPlain",
            "lists",
            "additionalPlain",
            "createdAt",
            "workplaceType",
            "hostedUrl",
        },
        "ashby": {
            "id",
            "title",
            "location",
            "secondaryLocations",
            "descriptionHtml",
            "descriptionPlain",
            "publishedAt",
            "employmentType",
            "jobUrl",
        },
        "jsonl": {"source_job_id", "company", "title", "description"},
    }
    seen = Counter()
    for (source, _, _), versions in payloads.items():
        for _, job, _ in versions:
            assert required[source] <= set(job), (source, set(required[source]) - set(job))
            assert not LEAK_KEYS & set(job)
            seen[source] += 1
            if source == "greenhouse":
                assert isinstance(job["id"], int)
                assert "&lt;" in job["content"] and "<p>" not in job["content"]
                assert re.search(r"[+-]\d\d:\d\d$", job["first_published"])
                for pay in job.get("pay_input_ranges", []):
                    assert pay["min_cents"] < pay["max_cents"]
            elif source == "lever":
                assert set(job["categories"]) >= {"location", "allLocations", "team", "commitment"}
                if "salaryRange" in job:
                    assert job["salaryRange"]["interval"] in (
                        "per-year-salary",
                        "per-hour-wage",
                        "per-month-salary",
                    )
            elif source == "ashby" and "compensation" in job:
                kinds = {c["compensationType"] for c in job["compensation"]["summaryComponents"]}
                assert "Salary" in kinds
    assert all(seen[source] for source in required)


def test_descriptions(truth: list[dict[str, Any]], payloads) -> None:
    by_key = {(row["source"], row["board"], row["source_job_id"]): row for row in truth}
    texts: dict[str, set[str]] = defaultdict(set)
    for key, versions in payloads.items():
        row = by_key[key]
        latest = max(versions, key=lambda version: version[0])[1]
        text = _description_text(key[0], latest)
        texts[row["requisition_id"]].add(text)
        if row["has_full_description"]:
            assert len(text) >= tg.FULL_MIN_CHARS, key
        else:
            assert len(text) < tg.STUB_MAX_CHARS, (key, text)
    # Every copy of a role carries the very same description text.
    assert all(len(variants) == 1 for variants in texts.values())


def test_refetches(truth: list[dict[str, Any]], payloads) -> None:
    by_key = {(row["source"], row["board"], row["source_job_id"]): row for row in truth}
    refetched = identical = changed = 0
    for key, versions in payloads.items():
        assert len(versions) <= 2
        if len(versions) == 2:
            refetched += 1
            (d1, job1, c1), (d2, job2, c2) = sorted(versions, key=lambda version: version[0])
            assert d1 < d2
            distinct = (
                len({c1, c2})
                if key[0] != "jsonl"
                else len(
                    {
                        json.dumps({k: v for k, v in job.items() if k != "fetched_at"}, sort_keys=True)
                        for job in (job1, job2)
                    }
                )
            )
            assert by_key[key]["versions_n"] == distinct
            identical += distinct == 1
            changed += distinct == 2
            title = "title" if key[0] != "lever" else "text"
            assert job1[title] == job2[title]
            assert _description_text(key[0], job1) == _description_text(key[0], job2)
        else:
            assert by_key[key]["versions_n"] == 1
    assert 0.12 <= refetched / len(payloads) <= 0.18
    assert identical > changed > 0


def _seed_rules(name: str, pattern_col: str, label_col: str) -> list[tuple[re.Pattern[str], str]]:
    with (PROJECT_ROOT / "seeds" / name).open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["priority"]))
    return [(re.compile(row[pattern_col], re.IGNORECASE), row[label_col]) for row in rows]


def _first(rules: list[tuple[re.Pattern[str], str]], text: str, default: str) -> str:
    return next((label for pattern, label in rules if pattern.search(text)), default)


@pytest.mark.skipif(
    not (PROJECT_ROOT / "seeds" / "title_role_family_rules.csv").exists(), reason="no rules yet"
)
def test_truth_agrees_with_warehouse_rule_seeds(truth: list[dict[str, Any]]) -> None:
    """Cross-check the planted labels against the warehouse's rule seeds (title and location rules)."""
    family = _seed_rules("title_role_family_rules.csv", "title_pattern", "role_family")
    seniority = _seed_rules("title_seniority_rules.csv", "title_pattern", "seniority")
    markets = _seed_rules("market_locations.csv", "location_pattern", "market")
    titles = {row["title"]: row for row in truth}
    for title, row in titles.items():
        assert _first(family, title, "other") == row["role_family"], title
        assert _first(seniority, title, "mid") == row["seniority"], title
    for location in {row["location"]: row for row in truth}.values():
        assert _first(markets, location["location"], "other") == location["market"], location["location"]


def test_agency_cues(truth: list[dict[str, Any]], payloads) -> None:
    with (PROJECT_ROOT / "seeds" / "agency_cues.csv").open(newline="", encoding="utf-8") as handle:
        cues = [re.compile(row["cue_pattern"], re.IGNORECASE) for row in csv.DictReader(handle)]
    with (PROJECT_ROOT / "seeds" / "recruitment_agencies.csv").open(newline="", encoding="utf-8") as handle:
        listed = {row["agency_name"] for row in csv.DictReader(handle)}
    by_key = {(row["source"], row["board"], row["source_job_id"]): row for row in truth}
    for key, versions in payloads.items():
        row = by_key[key]
        text = _description_text(key[0], versions[0][1])
        has_cue = any(cue.search(text) for cue in cues)
        if not row["is_agency"]:
            assert not has_cue, (key, text)
        elif row["company"] not in listed:
            assert has_cue, (key, text)


def test_multi_shard_scale_is_exact(tmp_path: Path) -> None:
    """Scale 2.5 = two whole shards + a half one: counts scale exactly, medians stay exact, keys unique."""
    result = generate_corpus(tmp_path / "big", scale=2.5, seed=3)
    rows = [json.loads(line) for line in result.truth_path.read_text(encoding="utf-8").splitlines()]
    keys = [(row["source"], row["board"], row["source_job_id"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert result.shards == 3
    for family, target in tg.TARGETS.items():
        in_scope = _in_scope(rows, family)
        assert len(in_scope) == tg.scaled(target.openings, 2.5)
        roles = _roles(in_scope)
        assert sum(copies[0]["has_full_description"] for copies in roles.values()) == tg.scaled(
            target.skills_sample, 2.5
        )
        salary = [
            next(c for c in copies if c["in_salary_sample"])
            for copies in roles.values()
            if any(c["in_salary_sample"] for c in copies)
        ]
        assert len(salary) == tg.scaled(target.salary_sample, 2.5)
        assert statistics.median(row["salary_min_usd"] for row in salary) == target.salary_min_median
        assert statistics.median(row["salary_max_usd"] for row in salary) == target.salary_max_median
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert manifest["openings"] == len(rows)
    assert "truth" in result.describe()
