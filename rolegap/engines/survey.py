"""The porting survey: every DuckDB-only construct in the project's SQL (models, macros, data tests)
and seeds, by file, with what Postgres and Spark need instead, and the dispatch macro that does it.

    python scripts/engines_survey.py [--run-results target/postgres/run_results.json ...] > survey.md

A construct is found by a regular expression over the SQL with Jinja tags and comments removed
(`{{ ... }}` calls are kept as their macro name, so `{{ json_text(...) }}` is not counted as the
`json_extract_string` it replaces). The counts are call sites. `--run-results` adds what a real
`dbt build` on an engine reported: per node, pass / error (first line of the error) / skipped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rolegap.config import PROJECT_ROOT


@dataclass(frozen=True)
class Construct:
    name: str
    pattern: str
    postgres: str
    spark: str
    fix: str  # the macro (ours or dbt's) that replaces it
    in_seeds: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE | re.MULTILINE)


CONSTRUCTS: tuple[Construct, ...] = (
    Construct(
        "lambda / list_* functions",
        r"\blambda\b|\blist_(?:transform|filter|slice|prepend|position|last"
        r"|distinct|sort|contains|has_any|concat|aggregate)\s*\(|\bflatten\s*\(|\blist\s*\(",
        "no lambdas: unnest + aggregate, or array functions",
        "transform()/filter() with `x -> ...`",
        "per-model rewrite; list_* through rolegap macros per use",
    ),
    Construct(
        "regexp_matches as a boolean",
        r"\bregexp_matches\s*\(",
        "`~` (or `~*`)",
        "`rlike`",
        "rolegap.regex_matches",
    ),
    Construct(
        "regex option flags ('g', 'i', 's')",
        r"regexp_(?:replace|matches|extract)\s*\((?:[^()]|\([^()]*\))*,"
        r"\s*'[gimsx]+'\s*\)",
        "'g' flag / `~*`; no 'i' flag on regexp_replace before 16",
        "`(?i)` in the pattern",
        "rolegap.regex_matches, rolegap.regex_replace_all",
    ),
    Construct(
        "regexp_extract_all / regexp_extract / regexp_full_match / regexp_split_to_array / string_split",
        r"\bregexp_(?:extract_all|extract|full_match|split_to_array)\s*\(|\bstring_split\s*\(",
        "regexp_matches(.., 'g') set-returning, substring(x from p), regexp_split_to_array",
        "regexp_extract_all(x, p, g) (Java regex), split",
        "rolegap.regex_extract_all, rolegap.regex_extract",
    ),
    Construct(
        "arg_min / arg_max",
        r"\barg_(?:min|max)\s*\(",
        "(array_agg(x order by y))[1]",
        "min_by / max_by",
        "rolegap.arg_min, rolegap.arg_max",
    ),
    Construct(
        "any_value",
        r"\bany_value\s*\(",
        "min() (any_value is Postgres 16+)",
        "any_value",
        "rolegap.any_value",
    ),
    Construct(
        "median / quantile_cont",
        r"\bmedian\s*\(|\bquantile_cont\s*\(",
        "percentile_cont(0.5) within group (order by x)",
        "percentile(x, 0.5)",
        "rolegap.median",
    ),
    Construct(
        "group by all",
        r"\bgroup\s+by\s+all\b",
        "list the columns",
        "list the columns (Spark 3.4+ has it)",
        "per-model rewrite",
    ),
    Construct(
        "unnest",
        r"\bunnest\s*\(",
        "unnest (two in one select zip)",
        "explode / posexplode (lateral view)",
        "per-model rewrite (posexplode for zipped lists)",
    ),
    Construct(
        "union all by name",
        r"\bunion\s+all\s+by\s+name\b|\bunion\s+by\s+name\b",
        "list the columns",
        "list the columns",
        "dbt_utils-style column list (rolegap.union_by_name)",
    ),
    Construct(
        "trailing comma before from", r",\s*\n?\s*from\b", "syntax error", "syntax error", "per-file edit"
    ),
    Construct(
        "try_cast",
        r"\btry_cast\s*\(",
        "no try_cast: a regex guard then cast",
        "try_cast",
        "dbt.safe_cast (rolegap.safe_cast for Postgres)",
    ),
    Construct(
        "json_extract / json_extract_string",
        r"\bjson_extract(?:_string)?\s*\(",
        "->, ->>, #>>",
        "get_json_object / from_json",
        "rolegap.json_text, rolegap.json_list",
    ),
    Construct(
        "DuckDB types: varchar / double / json / list types in SQL",
        r"\bas\s+(?:varchar|double|json)\b"
        r"|::\s*(?:varchar|double|json)\b|\bvarchar\[\]",
        "text / double precision / jsonb",
        "string / double (varchar needs a length)",
        "dbt.type_string, dbt.type_float",
    ),
    Construct(
        "qualify",
        r"\bqualify\b",
        "a window in a subquery + where",
        "a window in a subquery + where",
        "per-model rewrite",
    ),
    Construct(
        "select * exclude / replace",
        r"\*\s*exclude\s*\(|\*\s*replace\s*\(",
        "list the columns",
        "list the columns",
        "per-model rewrite",
    ),
    Construct(
        "string_agg / listagg",
        r"\bstring_agg\s*\(",
        "string_agg",
        "array_join(collect_list(x), sep)",
        "dbt.listagg",
    ),
    Construct(
        "contains / starts_with",
        r"\bcontains\s*\(|\bstarts_with\s*\(",
        "strpos(x, y) > 0",
        "contains",
        "dbt.position",
    ),
    Construct(
        "date_diff / datediff",
        r"\bdate_?diff\s*\(",
        "extract(epoch ...) / date subtraction",
        "datediff / months_between",
        "dbt.datediff",
    ),
    Construct(
        "range / generate_series / generate_subscripts",
        r"\brange\s*\(|\bgenerate_series\s*\(|"
        r"\bgenerate_subscripts\s*\(",
        "generate_series",
        "sequence + explode",
        "dbt.date_spine",
    ),
    Construct(
        "len() / array length / 1-based [i] indexing",
        r"\blen\s*\(|\barray_length\s*\(|\[\s*\d+\s*\]",
        "cardinality(); 1-based",
        "size(); 0-based element_at 1-based",
        "rolegap.list_length",
    ),
    Construct(
        "map / struct literals",
        r"\bmap\s*\(|\bstruct_pack\s*\(|\{\s*'[a-z_]+'\s*:",
        "jsonb / composite",
        "map() / named_struct",
        "per-model rewrite",
    ),
    Construct(
        "strftime / strptime / epoch_ms / to_timestamp",
        r"\bstrftime\s*\(|\bstrptime\s*\(|\bepoch_ms\s*\("
        r"|\bto_timestamp\s*\(",
        "to_char / to_timestamp",
        "date_format / to_timestamp (Java patterns)",
        "rolegap.to_utc_timestamp",
    ),
    Construct(
        "interval literals / to_months",
        r"\binterval\s+\d+\s+[a-z]+|\bto_(?:months|days|years)\s*\(",
        "interval '1 month' (quoted)",
        "interval 1 month; no to_months",
        "dbt.dateadd",
    ),
    Construct(
        "sha256 of text",
        r"\bsha256\s*\(",
        "encode(sha256(convert_to(x, 'UTF8')), 'hex')",
        "sha2(x, 256)",
        "rolegap.text_sha256 (Spark body added)",
    ),
    Construct(
        "regexp_escape",
        r"\bregexp_escape\s*\(",
        "regexp_replace(x, '([.^$*+?()\\[\\]{}|\\\\])', '\\\\\\1', 'g')",
        "regexp_replace with Java quoting",
        "rolegap.regex_escape",
    ),
    Construct(
        "seed regex: \\b word boundary",
        r"\\b",
        "\\y (ARE)",
        "\\b (Java)",
        "rolegap.regex_pattern",
        in_seeds=True,
    ),
    Construct(
        "seed regex: inline flags (?i) / (?i:...)",
        r"\(\?[a-z]+[:)]",
        "(?i) only at the start; no (?i:...)",
        "(?i) and (?i:...) (Java)",
        "rolegap.regex_pattern",
        in_seeds=True,
    ),
)

SQL_DIRS = ("models", "macros", "tests/dbt")  # macros/engines/ are the ports themselves: bodies per engine
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_JINJA_EXPR = re.compile(r"\{\{\s*([a-zA-Z_.]+)?.*?\}\}", re.DOTALL)
_SQL_COMMENT = re.compile(r"--[^\n]*")


_MACRO = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(.*?%\}(.*?)\{%-?\s*endmacro\s*-?%\}", re.DOTALL)


def _ported_bodies_removed(source: str) -> str:
    """Drop the bodies of a dispatched macro that already has a Postgres and a Spark body (those are
    ported), and any other adapter's body (snowflake__...): what is left is what still needs a port."""
    names = {m.group(1) for m in _MACRO.finditer(source)}
    ported = {n.split("__", 1)[1] for n in names if n.startswith("postgres__")} & {
        n.split("__", 1)[1] for n in names if n.startswith("spark__")
    }

    def keep(m: re.Match[str]) -> str:
        prefix, _, base = m.group(1).partition("__")
        if not base:
            return m.group(0)
        if base in ported or prefix not in ("default", "duckdb"):
            return ""
        return m.group(0)

    return _MACRO.sub(keep, source)


def sql_text(source: str) -> str:
    """SQL with Jinja comments and tags removed and `{{ macro(...) }}` reduced to `macro`."""
    text = _ported_bodies_removed(_JINJA_COMMENT.sub("", source))
    text = _JINJA_TAG.sub("", text)
    text = _JINJA_EXPR.sub(lambda m: f" {m.group(1) or ''} ", text)
    return _SQL_COMMENT.sub("", text)


def scan(root: Path = PROJECT_ROOT) -> dict[str, Counter[str]]:
    """{relative file: Counter(construct name -> call sites)} over the SQL and the seeds."""
    found: dict[str, Counter[str]] = {}
    files = [p for d in SQL_DIRS for p in sorted((root / d).rglob("*.sql"))]
    seeds = sorted((root / "seeds").glob("*.csv"))
    for path in files + seeds:
        is_seed = path.suffix == ".csv"
        text = path.read_text(encoding="utf-8") if is_seed else sql_text(path.read_text(encoding="utf-8"))
        counts: Counter[str] = Counter()
        for construct in CONSTRUCTS:
            if construct.in_seeds != is_seed:
                continue
            n = len(construct.regex.findall(text))
            if n:
                counts[construct.name] = n
        if counts:
            found[str(path.relative_to(root))] = counts
    return found


_GENERIC = re.compile(
    r"^(Runtime|Database|Compilation) Error( in |$)|^An error occurred during execution of unit test"
)


def run_results(path: Path) -> dict[str, tuple[str, str]]:
    """{node unique_id: (status, first line of the message)} from a dbt run_results.json."""
    data = json.loads(Path(path).read_text())
    out = {}
    for result in data.get("results", []):
        lines = [line.strip() for line in (result.get("message") or "").splitlines() if line.strip()]
        useful = [line for line in lines if not _GENERIC.match(line)] or lines
        out[result["unique_id"]] = (result["status"], useful[0][:200] if useful else "")
    return out


def markdown(found: dict[str, Counter[str]]) -> str:
    totals: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for counts in found.values():
        totals.update(counts)
        files.update(counts.keys())
    lines = ["| construct | call sites | files | Postgres | Spark | fix |", "|---|---|---|---|---|---|"]
    for c in CONSTRUCTS:
        if totals[c.name]:
            lines.append(
                f"| {c.name} | {totals[c.name]} | {files[c.name]} | {c.postgres} | {c.spark} | {c.fix} |"
            )
    lines.append(f"| **total** | **{sum(totals.values())}** | **{len(found)}** | | | |")
    lines += ["", "| file | constructs (call sites) |", "|---|---|"]
    for name, counts in sorted(found.items()):
        lines.append(f"| `{name}` | " + "; ".join(f"{k} {v}" for k, v in counts.most_common()) + " |")
    return "\n".join(lines)
