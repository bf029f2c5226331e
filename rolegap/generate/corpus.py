"""`generate_corpus`: plan shards, render payloads, stream them to board files, write the truth."""

from __future__ import annotations

import heapq
import json
import math
import random
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby
from pathlib import Path
from typing import Any
from uuid import UUID

from tqdm import tqdm

from rolegap.generate import targets as tg
from rolegap.generate.companies import load_agencies, load_companies, write_profiles
from rolegap.generate.payloads import BUILDERS, Posting
from rolegap.generate.plan import Opening, Role, ShardPlan, plan_shard
from rolegap.generate.taxonomy import validate_skill_names
from rolegap.generate.text import codename, describe, pay_text

JSONL_PART_LINES = 50_000
ROLES_PER_SHARD_MAX = 20_000
FRAGMENTS = ".fragments"
PROFILES_PATH = "companies/companies.jsonl"  # under payloads/: ingested with the postings


@dataclass
class GenerateResult:
    out: Path
    seed: int
    scale: float
    shards: int
    truth_path: Path
    manifest_path: Path
    openings_by_source: Counter[str] = field(default_factory=Counter)
    versions_by_source: Counter[str] = field(default_factory=Counter)
    files_by_source: Counter[str] = field(default_factory=Counter)
    exclusions: Counter[str] = field(default_factory=Counter)
    in_scope_by_family: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        lines = [
            f"reference corpus in {self.out} (seed {self.seed}, scale {self.scale:g}, {self.shards} shard(s))"
        ]
        lines.append(f"{'source':<12}{'openings':>10}{'payloads':>10}{'files':>8}")
        for source in ("greenhouse", "lever", "ashby", "jsonl"):
            lines.append(
                f"{source:<12}{self.openings_by_source[source]:>10}{self.versions_by_source[source]:>10}"
                f"{self.files_by_source[source]:>8}"
            )
        lines.append(
            f"{'total':<12}{sum(self.openings_by_source.values()):>10}{sum(self.versions_by_source.values()):>10}"
            f"{sum(self.files_by_source.values()):>8}"
        )
        lines.append("in scope: " + ", ".join(f"{k} {v}" for k, v in sorted(self.in_scope_by_family.items())))
        lines.append("excluded: " + ", ".join(f"{k} {v}" for k, v in sorted(self.exclusions.items())))
        lines.append(f"truth: {self.truth_path}")
        lines.append(f"manifest: {self.manifest_path}")
        return "\n".join(lines)


def shard_scales(scale: float) -> list[float]:
    """Whole shards of scale 1 plus a remainder, so memory is bounded and integer scales stay exact."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    whole = math.floor(scale + 1e-9)
    rest = round(scale - whole, 9)
    return [1.0] * whole + ([rest] if rest > 0 else [])


class _Spill:
    """Bounded-memory streaming: one sorted spill file per shard, k-way merged into the board files.

    Each spill line is `source<US>file name<US>payload JSON`, sorted by (source, file name) with the
    shard's own order kept inside a file; `heapq.merge` is stable, so the output is deterministic.
    """

    SEP = "\x1f"
    FAN_IN = 200

    def __init__(self, root: Path):
        self.root = root
        self.files: list[Path] = []

    def write(self, groups: dict[tuple[str, str], list[str]]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"spill-{len(self.files):06d}.txt"
        with path.open("w", encoding="utf-8") as handle:
            for source, name in sorted(groups):
                prefix = f"{source}{self.SEP}{name}{self.SEP}"
                handle.writelines(prefix + line + "\n" for line in groups[(source, name)])
        self.files.append(path)

    def _key(self, line: str) -> tuple[str, str]:
        source, name, _ = line.split(self.SEP, 2)
        return source, name

    def _merged(self, paths: list[Path]) -> Iterator[str]:
        handles = [path.open(encoding="utf-8") for path in paths]
        try:
            yield from heapq.merge(*handles, key=self._key)
        finally:
            for handle in handles:
                handle.close()

    def _reduce(self) -> list[Path]:
        """Merge spill files in batches until one merge can read them all at once."""
        files = self.files
        level = 0
        while len(files) > self.FAN_IN:
            level += 1
            merged = []
            for start in range(0, len(files), self.FAN_IN):
                batch = files[start : start + self.FAN_IN]
                path = self.root / f"merge-{level}-{start:06d}.txt"
                with path.open("w", encoding="utf-8") as handle:
                    handle.writelines(self._merged(batch))
                merged.append(path)
            files = merged
        return files

    def assemble(self, payloads: Path, progress: bool, total: int) -> Counter[str]:
        files: Counter[str] = Counter()
        bar = tqdm(total=total, desc="writing board files", unit="payload", disable=not progress)
        lines = self._merged(self._reduce())
        for (source, name), group in groupby(lines, key=self._key):
            target_dir = payloads / source
            target_dir.mkdir(parents=True, exist_ok=True)
            payload_lines = (line.split(self.SEP, 2)[2].rstrip("\n") for line in group)
            if source == "jsonl":
                files[source] += _write_jsonl_parts(payload_lines, target_dir, name, bar)
                continue
            opening, closing = (
                ('{"jobs": [\n', "\n]}\n") if source in ("greenhouse", "ashby") else ("[\n", "\n]\n")
            )
            with (target_dir / name).open("w", encoding="utf-8") as dst:
                dst.write(opening)
                for i, line in enumerate(payload_lines):
                    dst.write((",\n" if i else "") + line)
                    bar.update()
                dst.write(closing)
            files[source] += 1
        bar.close()
        shutil.rmtree(self.root, ignore_errors=True)
        return files


def _write_jsonl_parts(lines: Iterable[str], target_dir: Path, name: str, bar: tqdm) -> int:
    stem = name.removesuffix(".jsonl")
    parts = 0
    dst = None
    for i, line in enumerate(lines):
        if i % JSONL_PART_LINES == 0:
            if dst:
                dst.close()
            parts += 1
            dst = (target_dir / (name if parts == 1 else f"{stem}.part{parts}.jsonl")).open(
                "w", encoding="utf-8"
            )
        dst.write(line + "\n")
        bar.update()
    if dst:
        dst.close()
    return parts


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _assign_ids(role: Role, shard: int, rng: random.Random, counter: Counter[str]) -> None:
    assert role.company is not None
    source = role.company.ats
    for opening in role.openings:
        counter[source] += 1
        if source == "greenhouse":
            opening.source_job_id = str(4_000_000_000 + shard * 1_000_000 + counter[source])
        elif source in ("lever", "ashby"):
            opening.source_job_id = str(UUID(int=rng.getrandbits(128), version=4))
        else:
            prefix = "AGY" if role.category == "agency" else "REQ"
            opening.source_job_id = f"{prefix}-{shard:03d}{counter[source]:06d}"


def _truth(role: Role, opening: Opening, requisition_id: str) -> dict[str, Any]:
    assert role.company is not None and role.posted_at is not None
    in_scope = role.category == "in_scope" and opening.in_market
    reason = None if in_scope else ("outside_markets" if role.category == "in_scope" else role.category)
    pay = opening.pay
    annual = pay.annual() if pay else (None, None)
    usd = pay is not None and pay.currency == "USD"
    source = role.company.ats
    return {
        "source": source,
        "board": role.company.name if source == "jsonl" else role.company.slug,
        "source_job_id": opening.source_job_id,
        "company": role.company.name,
        "title": role.title,
        "location": opening.location,
        "market": opening.market,
        "country": opening.country,
        "posted_date": role.posted_at.date().isoformat(),
        "role_family": role.family,
        "seniority": role.seniority,
        "is_agency": role.category == "agency",
        "industry": role.company.industry,
        "is_startup": role.company.is_startup,
        "is_in_scope": in_scope,
        "exclusion_reason": reason,
        "requisition_id": requisition_id,
        "has_full_description": role.full,
        "skills": sorted(role.skills) if role.full else [],
        "salary_currency": pay.currency if pay else None,
        "salary_min_annual": annual[0],
        "salary_max_annual": annual[1],
        "salary_min_usd": annual[0] if usd else None,
        "salary_max_usd": annual[1] if usd else None,
        "in_salary_sample": bool(role.in_salary_sample and in_scope and opening.is_us_market),
        "versions_n": 2 if opening.refetch == "changed" else 1,
    }


def _render_shard(
    plan: ShardPlan, seed: int, result: GenerateResult
) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    rng = random.Random(f"rolegap-render:{seed}:{plan.shard}")
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    truth_lines: list[str] = []
    counter: Counter[str] = Counter()
    for role in plan.roles:
        assert role.company is not None and role.posted_at is not None
        if role.index >= ROLES_PER_SHARD_MAX:
            raise RuntimeError(f"shard {plan.shard} has more than {ROLES_PER_SHARD_MAX} roles")
        source = role.company.ats
        _assign_ids(role, plan.shard, rng, counter)
        code = codename(plan.shard * ROLES_PER_SHARD_MAX + role.index)
        pays = [opening.pay for opening in role.openings if opening.pay]
        text_pay = next((pay for pay in pays if pay.mode == "text"), None)
        side_pay = next((pay for pay in pays if pay.mode == "salary_text"), None)
        desc = describe(role, code, rng, text_pay)
        desc_html = desc.html()
        salary_text = pay_text(side_pay, rng) if side_pay else None
        requisition_id = f"req-{plan.shard:03d}-{role.index:05d}"
        internal_id = 2_000_000 + plan.shard * ROLES_PER_SHARD_MAX + role.index
        first_fetch = role.posted_at.date() + timedelta(days=role.fetch_offset_days)
        for opening in role.openings:
            versions = [(first_fetch, False)]
            if opening.refetch:
                versions.append(
                    (first_fetch + timedelta(days=opening.refetch_offset_days), opening.refetch == "changed")
                )
            for fetched, changed in versions:
                posting = Posting(role, opening, desc, desc_html, fetched, changed, internal_id, salary_text)
                name = (
                    f"postings__{fetched.isoformat()}.jsonl"
                    if source == "jsonl"
                    else f"{role.company.slug}__{fetched.isoformat()}.json"
                )
                groups[(source, name)].append(_dumps(BUILDERS[source](posting)))
                result.versions_by_source[source] += 1
            truth = _truth(role, opening, requisition_id)
            truth_lines.append(_dumps(truth))
            result.openings_by_source[source] += 1
            if truth["is_in_scope"]:
                result.in_scope_by_family[role.family] += 1
            else:
                result.exclusions[truth["exclusion_reason"]] += 1
    return groups, truth_lines


def generate_corpus(out: Path, scale: float = 1.0, seed: int = 42, progress: bool = False) -> GenerateResult:
    """Write OUT/payloads/<source>/..., OUT/payloads/companies/companies.jsonl (the fictional
    companies' profiles, corpus data like the postings), OUT/truth/postings.jsonl and OUT/manifest.json.

    Deterministic for a (scale, seed): the same bytes every run. Memory is bounded by one shard
    (scale <= 1), whatever the scale: payloads go to per-file fragments, assembled at the end.
    """
    validate_skill_names(list(tg.SKILL_SHARES))
    companies = load_companies()
    agencies = load_agencies()
    out = Path(out)
    for stale in ("payloads", "truth", FRAGMENTS):
        shutil.rmtree(out / stale, ignore_errors=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    scales = shard_scales(scale)
    result = GenerateResult(
        out, seed, scale, len(scales), out / "truth" / "postings.jsonl", out / "manifest.json"
    )
    spill = _Spill(out / FRAGMENTS)
    per_shard = sum(t.openings for t in tg.TARGETS.values()) + sum(tg.EXCLUDED_OPENINGS.values())
    bar = tqdm(
        total=round(per_shard * scale), desc="generating openings", unit="opening", disable=not progress
    )
    with result.truth_path.open("w", encoding="utf-8") as truth_file:
        for shard, shard_scale in enumerate(scales):
            plan = plan_shard(shard, shard_scale, seed, companies, agencies)
            before = sum(result.openings_by_source.values())
            groups, truth_lines = _render_shard(plan, seed, result)
            spill.write(groups)
            truth_file.write("\n".join(truth_lines) + "\n")
            bar.update(sum(result.openings_by_source.values()) - before)
    bar.close()
    result.files_by_source = spill.assemble(
        out / "payloads", progress, sum(result.versions_by_source.values())
    )
    profiles_n = write_profiles(companies, out / "payloads" / PROFILES_PATH)
    manifest = {
        "generator": "rolegap.generate",
        "seed": seed,
        "scale": scale,
        "shards": len(scales),
        "openings": sum(result.openings_by_source.values()),
        "payload_versions": sum(result.versions_by_source.values()),
        "openings_by_source": dict(sorted(result.openings_by_source.items())),
        "payloads_by_source": dict(sorted(result.versions_by_source.items())),
        "files_by_source": dict(sorted(result.files_by_source.items())),
        "in_scope_openings": dict(sorted(result.in_scope_by_family.items())),
        "excluded_openings": dict(sorted(result.exclusions.items())),
        "company_profiles": profiles_n,
        "company_profiles_file": f"payloads/{PROFILES_PATH}",
        "truth": "truth/postings.jsonl",
    }
    result.manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return result
