"""Company profiles and the company registry: generate writes the fictional companies as corpus data,
ingest lands profile files in raw.company_profiles (bad lines quarantined, re-runs idempotent, postings'
accounting untouched), and the registry seed holds real, sourced, well-formed boards."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from ingest_support import ROOT, rows, run

from rolegap.cli import main
from rolegap.generate.companies import (
    UNKNOWN_COMPANIES,
    UNLISTED_AGENCIES,
    board_slug,
    load_companies,
    write_profiles,
)
from rolegap.ingest.profiles import INDUSTRIES, is_profile_file

REGISTRY = ROOT / "seeds" / "company_registry.csv"
REGISTRY_YML = ROOT / "seeds" / "_company_registry__seeds.yml"
REGISTRY_HEADER = ["company", "ats", "board", "region", "industry", "is_startup", "hq", "token_source"]
# The rule `rolegap fetch` applies to a boards file's tokens (URL path segment and file name part).
BOARD_TOKEN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]|_(?!_))*$")


def profile_line(company: str, **fields: object) -> str:
    record: dict[str, object] = {"company": company, "industry": "mobility", "is_startup": True}
    record.update(fields)
    return json.dumps(record)


def test_generated_profiles_are_the_fictional_companies_only(tmp_path: Path) -> None:
    companies = load_companies()
    path = tmp_path / "payloads" / "companies" / "companies.jsonl"
    assert write_profiles(companies, path) == len(companies) > 100
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["company"] for line in lines] == sorted(c.name for c in companies)
    by_name = {line["company"]: line for line in lines}
    for company in companies:
        line = by_name[company.name]
        assert (line["industry"], line["is_startup"], line["ats"]) == (
            company.industry, company.is_startup, company.ats)
        assert line["board"] == (None if company.ats == "jsonl" else board_slug(company.name))
    # Companies whose truth says `unknown` (and unlisted agencies) must not get a profile.
    assert not {c.name for c in UNKNOWN_COMPANIES + UNLISTED_AGENCIES} & set(by_name)
    # The fictional list is generator data now, not a warehouse seed.
    assert not (ROOT / "seeds" / "companies.csv").exists()


def test_profile_files_are_found_by_folder_or_format() -> None:
    assert is_profile_file(Path("corpus/payloads/companies/companies.jsonl"), "auto")
    assert is_profile_file(Path("mine.jsonl"), "companies")
    assert not is_profile_file(Path("mine.jsonl"), "auto")
    assert not is_profile_file(Path("companies/greenhouse/acme__2026-01-01.json"), "auto")
    assert not is_profile_file(Path("companies/x.jsonl"), "jsonl")


def test_profiles_land_bad_lines_are_quarantined_and_reruns_add_nothing(tmp_path: Path) -> None:
    path = tmp_path / "companies" / "profiles.jsonl"
    path.parent.mkdir()
    lines = [
        profile_line("Acme Robotics", hq="Denver, CO", ats="greenhouse", board="acmerobotics"),
        profile_line("Orbit Labs", industry="space"),
        profile_line("Vane", is_startup="yes"),
        '{"company": "Broken", ',
        profile_line("   "),
        "",
        profile_line("Kestrel Pay", industry="fintech", is_startup=False, board=7),
        json.dumps(["not", "an", "object"]),
        profile_line("Kestrel Health", industry="healthcare"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "rolegap.duckdb"
    summary = run([tmp_path], db)
    # Postings' accounting is untouched (the posting funnel reconciles raw.ingest_batches).
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (0, 0, 0)
    assert (summary.profiles_read_n, summary.profiles_loaded_n, summary.profiles_rejected_n) == (8, 2, 6)
    shown = "\n".join(summary.reject_messages)
    assert f"{path}:2: field 'industry': 'space' is not an industry" in shown
    assert f"{path}:3: field 'is_startup': 'yes' is not true or false" in shown
    assert f"{path}:4: malformed JSON line" in shown
    assert f"{path}:5: field 'company': missing or empty" in shown
    assert f"{path}:7: field 'board': 7 is not text" in shown
    assert f"{path}:8: a company profile must be a JSON object, not list" in shown
    assert "company profiles: read 8 | loaded 2 | duplicate 0 | rejected 6" in summary.describe()
    landed = rows(db, "select payload ->> 'company', record_index, file_path from raw.company_profiles "
                      "order by record_index")
    assert landed == [("Acme Robotics", 1, str(path)), ("Kestrel Health", 9, str(path))]
    quarantined = rows(db, "select record_index, field, raw_text from raw.company_profile_rejects "
                           "order by record_index")
    assert [(line, field) for line, field, _ in quarantined] == [
        (2, "industry"), (3, "is_startup"), (4, None), (5, "company"), (7, "board"), (8, None)]
    assert quarantined[2][2] == '{"company": "Broken", '  # the text is kept, not dropped
    assert rows(db, "select count(*) from raw.ingest_rejects") == [(0,)]

    again = run([tmp_path], db)
    assert (again.profiles_read_n, again.profiles_loaded_n, again.profiles_duplicate_n) == (8, 0, 2)
    assert rows(db, "select count(*) from raw.company_profiles") == [(2,)]

    # A changed line for a company is a new version (dbt keeps the latest loaded).
    path.write_text(profile_line("Acme Robotics", industry="hardware") + "\n", encoding="utf-8")
    changed = run([path], db, fmt="companies")
    assert (changed.profiles_loaded_n, changed.profiles_rejected_n) == (1, 0)
    assert rows(db, "select count(*) from raw.company_profiles where payload ->> 'company' = 'Acme Robotics'"
                ) == [(2,)]


def test_profiles_and_postings_land_in_one_batch(tmp_path: Path) -> None:
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "companies.jsonl").write_text(profile_line("Acme") + "\n", encoding="utf-8")
    posting = {"source_job_id": "j-1", "company": "Acme", "title": "Data Scientist",
               "description": "We model things.", "location": "London, UK"}
    (tmp_path / "jsonl").mkdir()
    (tmp_path / "jsonl" / "acme.jsonl").write_text(json.dumps(posting) + "\n", encoding="utf-8")
    db = tmp_path / "rolegap.duckdb"
    summary = run([tmp_path], db)
    assert (summary.loaded_n, summary.profiles_loaded_n) == (1, 1)
    assert rows(db, "select count(distinct batch_id) from (select batch_id from raw.company_profiles "
                    "union all select batch_id from raw.jsonl_postings)") == [(1,)]


def test_cli_ingest_of_a_bad_profile_file_exits_1_with_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(profile_line("Acme") + "\n" + profile_line("Zed", industry="crypto") + "\n",
                    encoding="utf-8")
    monkeypatch.setenv("ROLEGAP_DB", str(tmp_path / "rolegap.duckdb"))
    code = main(["-q", "ingest", "--format", "companies", str(path)])
    out = capsys.readouterr()
    assert code == 1
    assert f"{path}:2: field 'industry': 'crypto' is not an industry" in out.out
    assert "Traceback" not in out.out + out.err


def test_profile_industries_match_the_registry_seed_tests() -> None:
    spec = yaml.safe_load(REGISTRY_YML.read_text(encoding="utf-8"))
    columns = {c["name"]: c for c in spec["seeds"][0]["columns"]}
    accepted = next(t["accepted_values"]["arguments"]["values"] for t in columns["industry"]["data_tests"]
                    if isinstance(t, dict) and "accepted_values" in t)
    assert tuple(accepted) == INDUSTRIES


def test_registry_rows_are_sourced_unique_and_fetchable() -> None:
    with REGISTRY.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == REGISTRY_HEADER
        registry = list(reader)
    assert len(registry) >= 300
    problems = []
    for line, row in enumerate(registry, start=2):
        if row["ats"] not in ("greenhouse", "lever", "ashby"):
            problems.append(f"line {line}: ats {row['ats']!r}")
        if not BOARD_TOKEN.match(row["board"]):
            problems.append(f"line {line}: board {row['board']!r}")
        if row["region"] not in ("", "eu") or (row["region"] == "eu" and row["ats"] != "lever"):
            problems.append(f"line {line}: region {row['region']!r}")
        if row["industry"] not in INDUSTRIES:
            problems.append(f"line {line}: industry {row['industry']!r}")
        if row["is_startup"] not in ("true", "false"):
            problems.append(f"line {line}: is_startup {row['is_startup']!r}")
        if not re.fullmatch(r"[\w.-]+/[\w.-]+:\S+", row["token_source"]):
            problems.append(f"line {line}: token_source {row['token_source']!r} is not owner/repo:path")
        if not row["hq"].strip():
            problems.append(f"line {line}: empty hq")
    assert problems == []
    boards = [(row["ats"], row["board"].lower()) for row in registry]
    keys = [board_slug(row["company"]) for row in registry]
    assert len(set(boards)) == len(boards)
    assert len(set(keys)) == len(keys)  # one row per company key: the dimension's grain
    # No real company shares a key with a fictional corpus company (they would override each other).
    assert not set(keys) & {board_slug(c.name) for c in load_companies()}


def test_registry_covers_the_saved_real_boards() -> None:
    """The real payloads in shared/realdata/ats/ match registry rows by ATS and board (the company dimension
    then gives their industry); the two boards of companies outside the five markets stay unknown."""
    realdata = ROOT.parent / "shared" / "realdata" / "ats"
    if not realdata.is_dir():
        pytest.skip(f"{realdata} not present")
    with REGISTRY.open(newline="", encoding="utf-8") as handle:
        registered = {(row["ats"], board_slug(row["board"])) for row in csv.DictReader(handle)}
    saved = {(path.parent.name, board_slug(path.name.split("__")[0])) for path in realdata.glob("*/*.json")}
    assert len(saved) == 15
    assert sorted(saved - registered) == [("greenhouse", "catawiki"), ("lever", "15five")]
