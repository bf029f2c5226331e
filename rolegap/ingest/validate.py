"""Per-format field rules: required fields and the JSON types the staging models rely on.

A rule is (path, kind, required). Paths are dotted; `[]` walks every item of an array, e.g.
`pay_input_ranges[].min_cents`. Optional fields may be absent or null; a parent that is absent or
null skips its children. The first broken rule rejects the record with the field's full path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

REQUIRED = True


class FieldError(ValueError):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(f"field '{field}': {reason}" if field else reason)
        self.field = field
        self.reason = reason


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return {int: "int", float: "float", str: "string", list: "array", dict: "object"}.get(
        type(value), type(value).__name__
    )


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


# kind -> (test, what the error says was expected)
KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": (lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, str) and v != ""),
           "int or non-empty string"),
    "str": (lambda v: isinstance(v, str), "string"),
    "text": (lambda v: isinstance(v, str) and v.strip() != "", "non-empty string"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "int"),
    "number": (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "number"),
    "timestamp": (_is_timestamp, "ISO-8601 timestamp string"),
    "object": (lambda v: isinstance(v, dict), "object"),
    "array": (lambda v: isinstance(v, list), "array"),
    "objects": (lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v), "array of objects"),
    "strings": (lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v), "array of strings"),
}

Rule = tuple[str, str, bool]


def _values(obj: Mapping[str, Any], path: str) -> Iterator[tuple[str, Any, bool]]:
    """(concrete path, value, present) for every place `path` points at; absent/null parents yield nothing."""
    head, _, rest = path.partition(".")
    each = head.endswith("[]")
    key = head[:-2] if each else head
    present = key in obj
    value = obj.get(key)
    if not rest and not each:
        yield key, value, present
        return
    if value is None:
        return
    items = list(enumerate(value)) if each and isinstance(value, list) else [(None, value)]
    for i, item in items:
        label = key if i is None else f"{key}[{i}]"
        if isinstance(item, dict) and rest:
            for sub, sub_value, sub_present in _values(item, rest):
                yield f"{label}.{sub}", sub_value, sub_present


def check(record: Any, rules: list[Rule], one_of: tuple[str, ...] = ()) -> None:
    """Raise FieldError on the first broken rule. `one_of`: at least one of these must be non-null."""
    if not isinstance(record, dict):
        raise FieldError(None, f"expected a JSON object, got {type_name(record)}")
    for path, kind, required in rules:
        test, expected = KINDS[kind]
        for field, value, present in _values(record, path):
            if value is None:
                if required:
                    raise FieldError(field, "missing required field" if not present else "required, got null")
                continue
            if not test(value):
                got = type_name(value)
                if got == "string" and kind in ("timestamp", "text", "id"):
                    got = f"string {value[:40]!r}"
                raise FieldError(field, f"expected {expected}, got {got}")
    if one_of and all(record.get(name) is None for name in one_of):
        raise FieldError(one_of[0], f"missing required field (need one of {', '.join(one_of)})")


GREENHOUSE: list[Rule] = [
    ("id", "id", REQUIRED),
    ("title", "text", REQUIRED),
    ("content", "str", False),  # absent when the board list is fetched without content=true
    ("absolute_url", "str", False),
    ("updated_at", "timestamp", False),
    ("first_published", "timestamp", False),
    ("location", "object", False),
    ("location.name", "str", False),
    ("pay_input_ranges", "objects", False),
    ("pay_input_ranges[].min_cents", "number", False),
    ("pay_input_ranges[].max_cents", "number", False),
    ("pay_input_ranges[].currency_type", "str", False),
    ("pay_input_ranges[].title", "str", False),
    ("pay_input_ranges[].blurb", "str", False),
    ("departments", "objects", False),
    ("offices", "objects", False),
    ("metadata", "array", False),
]

LEVER: list[Rule] = [
    ("id", "id", REQUIRED),
    ("text", "text", REQUIRED),
    ("categories", "object", False),
    ("categories.location", "str", False),
    ("categories.allLocations", "strings", False),
    ("categories.team", "str", False),
    ("categories.commitment", "str", False),
    ("descriptionPlain", "str", False),
    ("description", "str", False),
    ("lists", "objects", False),
    ("additionalPlain", "str", False),
    ("salaryRange", "object", False),
    ("salaryRange.min", "number", False),
    ("salaryRange.max", "number", False),
    ("salaryRange.currency", "str", False),
    ("salaryRange.interval", "str", False),
    ("createdAt", "int", False),
    ("workplaceType", "str", False),
    ("hostedUrl", "str", False),
]
LEVER_DESCRIPTION = ("descriptionPlain", "description")

ASHBY: list[Rule] = [
    ("id", "id", REQUIRED),
    ("title", "text", REQUIRED),
    ("location", "str", False),
    ("secondaryLocations", "array", False),
    ("descriptionHtml", "str", False),
    ("descriptionPlain", "str", False),
    ("publishedAt", "timestamp", False),
    ("employmentType", "str", False),
    ("compensation", "object", False),
    ("compensation.summaryComponents", "objects", False),
    ("compensation.summaryComponents[].compensationType", "str", False),
    ("compensation.summaryComponents[].interval", "str", False),
    ("compensation.summaryComponents[].currencyCode", "str", False),
    ("compensation.summaryComponents[].minValue", "number", False),
    ("compensation.summaryComponents[].maxValue", "number", False),
    ("jobUrl", "str", False),
]
ASHBY_DESCRIPTION = ("descriptionHtml", "descriptionPlain")

JSONL: list[Rule] = [
    ("source_job_id", "id", REQUIRED),
    ("company", "text", REQUIRED),
    ("title", "text", REQUIRED),
    ("description", "str", REQUIRED),
    ("source", "text", False),
    ("location", "str", False),
    ("locations", "strings", False),
    ("posted_at", "timestamp", False),
    ("fetched_at", "timestamp", False),
    ("url", "str", False),
    ("salary_min", "number", False),
    ("salary_max", "number", False),
    ("salary_currency", "str", False),
    ("salary_interval", "str", False),
    ("salary_text", "str", False),
]

RULES: dict[str, tuple[list[Rule], tuple[str, ...]]] = {
    "greenhouse": (GREENHOUSE, ()),
    "lever": (LEVER, LEVER_DESCRIPTION),
    "ashby": (ASHBY, ASHBY_DESCRIPTION),
    "jsonl": (JSONL, ()),
}


def check_format(fmt: str, record: Any) -> None:
    rules, one_of = RULES[fmt]
    check(record, rules, one_of)
