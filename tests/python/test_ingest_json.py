"""Ingest's fast JSON path (orjson, records.compact_json) writes exactly what json.dumps writes.

A payload's hash is taken of its canonical JSON and its text is stored in the raw tables; if the fast
path wrote different bytes, re-ingesting a file after an upgrade would load every posting again as
a new version. So: the same text on every real ATS posting, and on the cases where orjson and
json.dumps differ or orjson refuses (floats printed with an exponent, integers beyond 64 bits,
unpaired surrogates, deep nesting), where FloatScan or the fallback sends the object to json.dumps.
"""

from __future__ import annotations

import json
import random

import pytest
from fetch_support import REAL_ATS

from rolegap.ingest.formats import _hash, _loads
from rolegap.ingest.records import FloatScan, canonical_json, compact_json, float_has_exponent, sha256_hex


def _reference(obj, sort_keys=False):
    return json.dumps(obj, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False)


def _real_documents():
    files = sorted(p for p in REAL_ATS.rglob("*.json"))
    if not files:
        pytest.skip(f"{REAL_ATS} not present")
    return [(p, p.read_text(encoding="utf-8-sig")) for p in files]


def test_real_ats_postings_get_the_same_text_and_hash_on_both_paths():
    postings_n = 0
    for path, text in _real_documents():
        floats = FloatScan()
        document = _loads(text, floats=floats)
        items = document if isinstance(document, list) else (document.get("jobs") or [])
        for item in items:
            postings_n += 1
            exact = not floats.exponent
            assert compact_json(item, exact=exact) == _reference(item), path
            assert compact_json(item, sort_keys=True, exact=exact) == canonical_json(item), path
            assert _hash(item, exact) == sha256_hex(canonical_json(item)), path
    assert postings_n >= 400  # SOURCES.md: 404 jobs


def test_float_scan_flags_exactly_the_floats_json_prints_with_an_exponent():
    rng = random.Random(7)
    values = [1e16, 9999999999999998.0, 1e-4, 0.0001, 9.99e-5, 0.0, -0.0, 1e22, 5e-324, 123456.5,
              1.7976931348623157e308, -1e16, -0.00009, 150000.0, 0.1]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 24) for _ in range(5000)]
    for value in values:
        assert float_has_exponent(value) == ("e" in repr(value)), value
        scan = FloatScan()
        assert json.loads(json.dumps({"x": [value]}), parse_float=scan) == {"x": [value]}
        assert scan.exponent == ("e" in repr(value))
        if not scan.exponent:
            assert compact_json({"x": value}, exact=True) == _reference({"x": value})


@pytest.mark.parametrize(
    "obj",
    [
        {"text": "\x00\x01\x1f\x7f\u2028\u2029 / \\ \" \b\f\n\r\t é ü 😀 \ufeff"},
        {"b": 1, "a": {"d": [True, False, None], "c": "x"}, "é": 2, "E": 3, "": 4},
        {"big": 2**64, "small": -(2**63) - 1},  # orjson refuses: json.dumps answers
        {"int64": [2**63 - 1, -(2**63)]},
        {"deep": json.loads("[" * 300 + "]" * 300)},  # deeper than orjson's 255
        {"exponent": [1e16, 1e-5]},  # only reached with exact=False in ingest, checked anyway
    ],
)
def test_edge_cases_fall_back_or_agree(obj):
    exact = not any(isinstance(v, float) and float_has_exponent(v) for v in _floats(obj))
    assert compact_json(obj, exact=exact) == _reference(obj)
    assert compact_json(obj, sort_keys=True, exact=exact) == canonical_json(obj)


def test_unpaired_surrogate_is_still_rejected_on_the_fast_path():
    obj = json.loads('{"title": "bad \\ud800 text"}')
    with pytest.raises(UnicodeEncodeError):
        sha256_hex(compact_json(obj, sort_keys=True, exact=True))
    # the formats' hash turns it into the reject reason, as before
    from rolegap.ingest.formats import _Invalid

    with pytest.raises(_Invalid):
        _hash(obj, True)


def _floats(obj):
    if isinstance(obj, float):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _floats(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _floats(value)
