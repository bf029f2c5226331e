"""Check a model's answer: JSON, the schema, skills from the taxonomy, evidence that is in the text.

An answer that fails any check is invalid as a whole (`InvalidAnswer` says which item and why):
no part of it is kept, because a model that invents one span may have invented the rest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import jsonschema

from rolegap.llm.prompt import response_schema
from rolegap.llm.taxonomy import Taxonomy

_SPACE = re.compile(r"\s+")
MAX_EVIDENCE_CHARS = 300


class InvalidAnswer(ValueError):
    """One line: what was wrong and where in the answer (e.g. `skills[2].evidence: not in the text`)."""


@dataclass(frozen=True)
class Tag:
    skill: str
    evidence: str


def normalise(text: str) -> str:
    """Case and runs of whitespace do not matter when finding a span in the text."""
    return _SPACE.sub(" ", text).strip().casefold()


def _strip_fence(content: str) -> str:
    """Servers without structured output often wrap JSON in a ```json fence."""
    stripped = content.strip()
    if stripped.startswith("```"):
        stripped = stripped.strip("`")
        if stripped.lower().startswith("json"):
            stripped = stripped[4:]
    return stripped.strip()


def parse_answer(content: str, text: str, taxonomy: Taxonomy) -> list[Tag]:
    """The answer's tags, one per skill (the first evidence given), or `InvalidAnswer`."""
    try:
        answer = json.loads(_strip_fence(content))
    except json.JSONDecodeError as exc:
        raise InvalidAnswer(f"not JSON ({exc.msg} at char {exc.pos})") from None
    haystack = normalise(text)
    tags: dict[str, Tag] = {}
    items = answer.get("skills") if isinstance(answer, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue  # the schema check below names it
            skill, evidence = item.get("skill"), item.get("evidence")
            if isinstance(skill, str) and skill not in taxonomy.names:
                raise InvalidAnswer(f"skills[{index}].skill: {skill!r} is not in the taxonomy")
            if isinstance(evidence, str) and evidence.strip():
                if len(evidence) > MAX_EVIDENCE_CHARS:
                    raise InvalidAnswer(f"skills[{index}].evidence: longer than {MAX_EVIDENCE_CHARS} chars")
                if normalise(evidence) not in haystack:
                    raise InvalidAnswer(f"skills[{index}].evidence: {evidence[:60]!r} is not in the text")
    try:
        jsonschema.validate(answer, response_schema(taxonomy))
    except jsonschema.ValidationError as exc:
        where = ".".join(str(part) for part in exc.absolute_path) or "answer"
        raise InvalidAnswer(f"{where}: {exc.message[:120]}") from None
    for item in answer["skills"]:
        tags.setdefault(item["skill"], Tag(item["skill"], _SPACE.sub(" ", item["evidence"]).strip()))
    return list(tags.values())
