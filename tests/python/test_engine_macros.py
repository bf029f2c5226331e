"""The cross-engine dispatch macros (macros/engines/) give the same answers on DuckDB, Postgres and
Spark: each case is rendered by dbt for the engine (`dbt compile --inline --target ENGINE`) and run on
it. DuckDB always runs; Postgres and Spark need requirements-engines.lock (`make engines` runs these
tests in .venv-engines) and skip with that reason otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rolegap.config import PROJECT_ROOT

DBT = str(Path(sys.executable).parent / "dbt")

# (case, SQL expression in Jinja, expected value as text; None = SQL null)
CASES: list[tuple[str, str, str | None]] = [
    ("regex_matches_true", "{{ rolegap.regex_matches(\"'senior ml engineer'\", \"'ml eng'\") }}", "true"),
    ("regex_matches_case", "{{ rolegap.regex_matches(\"'Senior ML Engineer'\", \"'ml eng'\") }}", "false"),
    (
        "regex_matches_null",
        "{{ rolegap.regex_matches('cast(null as ' ~ dbt.type_string() ~ ')', \"'x'\") }}",
        None,
    ),
    (
        "regex_pattern_word",
        "{{ rolegap.regex_matches(\"'senior ml engineer'\", rolegap.regex_pattern('PATTERN_LITERAL')) }}",
        "true",
    ),
    (
        "regex_pattern_inside_word",
        "{{ rolegap.regex_matches(\"'html engineer'\", rolegap.regex_pattern('PATTERN_LITERAL')) }}",
        "false",
    ),
    (
        "arg_min",
        "(select {{ rolegap.arg_min('v', 'o') }} from (values ('a', 2), ('b', 1), ('c', null)) as t (v, o))",
        "b",
    ),
    (
        "arg_max",
        "(select {{ rolegap.arg_max('v', 'o') }} from (values ('a', 2), ('b', 1), ('c', null)) as t (v, o))",
        "a",
    ),
    (
        "median_even",
        "(select {{ rolegap.median('x') }} from (values (1.0), (2.0), (3.0), (10.0)) as t (x))",
        "2.5",
    ),
    (
        "median_odd_nulls",
        "(select {{ rolegap.median('x') }} from (values (1.0), (null), (7.0), (3.0)) as t (x))",
        "3.0",
    ),
    ("any_value", "(select {{ rolegap.any_value('v') }} from (values ('x'), ('x')) as t (v))", "x"),
    # doubles (1e0): DuckDB's quantile_cont keeps a decimal input's type, rounding 1.75 to 1.7
    (
        "quantile_cont_first_quartile",
        "(select {{ rolegap.quantile_cont('x', 0.25) }} "
        "from (values (1e0), (2e0), (null), (3e0), (10e0)) as t (x))",
        "1.75",
    ),
    (
        "quantile_cont_third_quartile",
        "(select {{ rolegap.quantile_cont('x', 0.75) }} from (values (1e0), (2e0), (3e0), (10e0)) as t (x))",
        "4.75",
    ),
    # integers divided as doubles: 1 / 4 is 0.25, not 0 (Postgres) nor a decimal (Spark)
    ("type_double_division", "cast(1 as {{ rolegap.type_double() }}) / 4", "0.25"),
    (
        "regex_extract_group",
        "{{ rolegap.regex_extract(\"'pay $120,000 to $150,000'\", \"'[$]([0-9,]+)'\", 1) }}",
        "120,000",
    ),
    ("regex_extract_whole", "{{ rolegap.regex_extract(\"'pay $120,000'\", \"'[$][0-9,]+'\") }}", "$120,000"),
    ("regex_extract_no_match", "{{ rolegap.regex_extract(\"'no pay'\", \"'[$]([0-9,]+)'\", 1) }}", ""),
    ("regex_replace_all", "{{ rolegap.regex_replace_all(\"'a-b--c'\", \"'-+'\", \"'+'\") }}", "a+b+c"),
    ("list_length", "{{ rolegap.list_length('LIST_LITERAL') }}", "2"),
    ("list_length_null", "{{ rolegap.list_length('NULL_LIST_LITERAL') }}", None),
    ("safe_cast_number", "{{ rolegap.safe_cast_number(\"' 12.5 '\", dbt.type_float()) }}", "12.5"),
    ("safe_cast_number_bad", "{{ rolegap.safe_cast_number(\"'12 abc'\", dbt.type_float()) }}", None),
    (
        "round_number_half_up",
        "{{ rolegap.round_number('cast(2.345 as ' ~ dbt.type_float() ~ ')', 2) }}",
        "2.35",
    ),
    (
        "round_number_negative",
        "{{ rolegap.round_number('cast(-0.125 as ' ~ dbt.type_float() ~ ')', 2) }}",
        "-0.13",
    ),
    ("json_text", '{{ rolegap.json_text("\'{\\"a\\": {\\"b\\": \\"x\\"}}\'", \'$.a.b\') }}', "x"),
    ("json_text_absent", "{{ rolegap.json_text(\"'{\\\"a\\\": 1}'\", '$.b') }}", None),
    (
        "regex_literal_case_insensitive_group",
        "{{ rolegap.regex_matches(\"'Senior PYTHON dev'\", "
        "rolegap.regex_literal('\\\\b(?i:python)\\\\b')) }}",
        "true",
    ),
    (
        "regex_literal_case_sensitive_outside_group",
        "{{ rolegap.regex_matches(\"'senior python dev'\", "
        "rolegap.regex_literal('\\\\bSenior (?i:python)')) }}",
        "false",
    ),
    (
        "regex_literal_word_boundary",
        "{{ rolegap.regex_matches(\"'pythonic'\", rolegap.regex_literal('\\\\b(?i:python)\\\\b')) }}",
        "false",
    ),
    (
        "regex_extract_all_count",
        "{{ rolegap.list_length(rolegap.regex_extract_all(\"'a1 b22 (c333)'\", "
        "rolegap.regex_literal('([a-z])[0-9]+'))) }}",
        "3",
    ),
    (
        "text_lines_kept",
        "{{ rolegap.text_lines_kept(\"'keep a' || chr(10) || 'drop b' || chr(10) || 'keep c'\", 'line', "
        "\"line not like 'drop%'\") }}",
        "keep a\nkeep c",
    ),
    (
        "json_text_list_index",
        r"""{{ rolegap.json_text("'{\"d\": [{\"name\": \"Eng\"}]}'", '$.d[0].name') }}""",
        "Eng",
    ),
    (
        "json_array_absent_is_empty",
        r"""{{ rolegap.list_length(rolegap.json_array("'{\"a\": 1}'", '$.b')) }}""",
        "0",
    ),
    (
        "list_first_where_json",
        r"""{{ rolegap.json_text(rolegap.list_first_where(rolegap.json_array(
            "'{\"c\": [{\"t\": \"Equity\", \"v\": 1}, {\"t\": \"Salary\", \"v\": 2}, "
            ~ "{\"t\": \"Salary\", \"v\": 3}]}'",
            '$.c'), 'component', rolegap.json_text('component', '$.t') ~ " = 'Salary'"), '$.v') }}""",
        "2",
    ),
    (
        "json_text_list_field_joined",
        r"""{{ rolegap.list_transform_join(rolegap.json_text_list(
            "'{\"s\": [{\"location\": \"A\"}, {\"location\": \"B\"}]}'", '$.s', 'location'),
            'list_item', "'<' || list_item || '>'", "'|'") }}""",
        "<A>|<B>",
    ),
    (
        "split_locations_prepended",
        r"""{{ rolegap.list_transform_join(rolegap.split_locations(rolegap.text_list_prepend(
            "'NYC OR  Remote'",
            rolegap.json_text_list("'{\"l\": [\"Remote; London\", \"N/A\", \"NYC | Paris\"]}'", '$.l'))),
            'list_item', 'list_item', "'|'") }}""",
        "NYC|Remote|London|Paris",
    ),
    (
        "html_unescape_once",
        "{{ rolegap.html_unescape(\"'&lt;p&gt;Caf&#233; &amp;amp; &#x4E2D; &#39;x&#39;'\") }}",
        "<p>Café &amp; 中 'x'",
    ),
    ("html_unescape_empty", "{{ rolegap.html_unescape(\"''\") }}", ""),
    (
        "html_to_text",
        "{{ rolegap.html_to_text(\"'<p>A &amp;   B</p><ul><LI>x<BR/>y</li></ul>'\") }}",
        "A & B\nx\ny",
    ),
    ("repair_mojibake", "{{ rolegap.repair_mojibake(\"'Â£50 â€“ cafÃ© â€™'\") }}", "£50 – café ’"),
    (
        "epoch_ms_to_timestamp",
        "{{ rolegap.epoch_ms_to_timestamp(\"'1700000000000'\") }}",
        "2023-11-14 22:13:20",
    ),
    (
        # the Postgres body's two halves overlap ("will excel" / "excel"): the earlier match is kept
        "skill_tag_matches",
        "(with skill_documents as (select 1 as document_id, 'You will excel in Excel' as document_text) "
        "select cast(count(*) as {{ dbt.type_string() }}) || ':' "
        "|| {{ rolegap.arg_min('skill_matches.matched_text', 'skill_matches.match_ordinal') }} || ':' "
        "|| {{ rolegap.arg_max('skill_matches.matched_text', 'skill_matches.match_ordinal') }} "
        "from ({{ rolegap.skill_tag_matches('skill_documents', {"
        "'tagger': '\\\\bwill\\\\s+excel\\\\b|(?i:\\\\bexcel\\\\b)', "
        "'tagger_case_sensitive': '\\\\bwill\\\\s+excel\\\\b', "
        "'tagger_case_insensitive': '\\\\bexcel\\\\b'}) }}) as skill_matches)",
        "2:will excel:Excel",
    ),
    # the salary extractor's macros (int_postings_salaries_parsed)
    (
        "regex_split_keeps_empty_ends",
        r"""{{ rolegap.list_transform_join(rolegap.regex_split("'1a22'", """
        r"""rolegap.regex_literal('[0-9]+')), 'list_item', "'<' || list_item || '>'", "'|'") }}""",
        "<>|<a>|<>",
    ),
    (
        "list_element",
        r"""{{ rolegap.list_element(rolegap.regex_split("'x,y,z'", "','"), "cast(2 as bigint)") }}""",
        "y",
    ),
    (
        "list_element_past_end",
        r"""{{ rolegap.list_element(rolegap.regex_split("'x,y,z'", "','"), 5) }}""",
        None,
    ),
    (
        "list_prefix_text",
        r"""{{ rolegap.list_prefix_text(rolegap.regex_split("'x,y,z'", "','"), "cast(2 as bigint)") }}""",
        "xy",
    ),
    (
        "list_prefix_text_none",
        r"""'<' || {{ rolegap.list_prefix_text(rolegap.regex_split("'x,y'", "','"), 0) }} || '>'""",
        "<>",
    ),
    (
        "regex_extract_last",
        r"""{{ rolegap.regex_extract_last("'per hour, then per year'", rolegap.regex_literal('per """
        r"""(hour|year)')) }}""",
        "per year",
    ),
    (
        "regex_extract_last_none",
        r"""{{ rolegap.regex_extract_last("'weekly'", rolegap.regex_literal('per (hour|year)')) }}""",
        None,
    ),
    (
        # group references and a literal "$" (Java's replacement syntax escapes it)
        "regex_replace_all_groups",
        r"""{{ rolegap.regex_replace_all_groups("'1$2 3$4'", rolegap.regex_literal('(\\d)(\\$\\d)'), """
        r"""'\\1 - \\2 ($)') }}""",
        "1 - $2 ($) 3 - $4 ($)",
    ),
    (
        # a group that did not take part is ''
        "regex_extract_groups",
        r"""(select g1 || '|' || g2 || '|' || g3 || '|' || g4 || '|' from (select {{ """
        r"""rolegap.regex_extract_groups("'pay USD 150k'", rolegap.regex_literal('([A-Z]+) """
        r"""([0-9]+)(k)?(m)?'), ['g1', 'g2', 'g3', 'g4']) }}) as t)""",
        "USD|150|k||",
    ),
    (
        # RE2's "." stops at a newline (ARE's does not: regex_to_are writes [^\\n]) unless (?s)
        "regex_literal_dot_newline",
        r"""{{ rolegap.regex_matches("'a' || chr(10) || 'b'", rolegap.regex_literal('a.b')) }}""",
        "false",
    ),
    (
        "regex_literal_dot_all",
        r"""{{ rolegap.regex_matches("'a' || chr(10) || 'b'", rolegap.regex_literal('(?s)a.b')) }}""",
        "true",
    ),
    (
        "regex_literal_leading_case_flag_range",
        r"""{{ rolegap.regex_matches("'a Series C round'", rolegap.regex_literal('(?i)\\bseries """
        r"""[a-h]\\b')) }}""",
        "true",
    ),
    (
        # DuckDB's text for a double: Postgres would say 15000000, Spark 1.5E7
        "number_text_whole",
        r"""'x' || {{ rolegap.number_text('cast(15000000 as ' ~ rolegap.type_double() ~ ')') }}""",
        "x15000000.0",
    ),
    (
        "number_text_fraction",
        r"""'x' || {{ rolegap.number_text('cast(12.5 as ' ~ rolegap.type_double() ~ ')') }}""",
        "x12.5",
    ),
]

# Literals each engine writes its own way: a seed-style word-boundary pattern (a backslash in Spark's
# string literals must be doubled), a two-element list and a null list.
LITERALS = {
    "duckdb": {
        "PATTERN_LITERAL": r"'\bml\b'",
        "NULL_LIST_LITERAL": "cast(null as varchar[])",
        "LIST_LITERAL": "['a', 'b']",
    },
    "postgres": {
        "PATTERN_LITERAL": r"'\bml\b'",
        "NULL_LIST_LITERAL": "cast(null as text[])",
        "LIST_LITERAL": "array['a', 'b']",
    },
    "spark": {
        "PATTERN_LITERAL": r"'\\bml\\b'",
        "NULL_LIST_LITERAL": "cast(null as array<string>)",
        "LIST_LITERAL": "array('a', 'b')",
    },
}
TARGETS = {"duckdb": "dev", "postgres": "postgres", "spark": "spark"}


def render(engine: str, tmp: Path, env: dict[str, str]) -> str:
    """One select of every case, as dbt renders it for the engine."""
    columns = [
        f"cast({expression} as {{{{ dbt.type_string() }}}}) as {name}" for name, expression, _ in CASES
    ]
    sql = "select " + ", ".join(columns)
    run_env = {
        **os.environ,
        **env,
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    done = subprocess.run(
        [DBT, "compile", "--quiet", "--target", TARGETS[engine], "--inline", sql],
        cwd=PROJECT_ROOT,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rendered = done.stdout.strip()
    for token, literal in LITERALS[engine].items():  # NULL_LIST_LITERAL before LIST_LITERAL
        rendered = rendered.replace(token, literal)
    return rendered


def normalise(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).lower()
    return {"1": "true", "0": "false"}.get(text, text) if text in ("true", "false") else str(value)


def check(rows: dict[str, object]) -> None:
    wrong = {
        name: (rows.get(name), expected)
        for name, _, expected in CASES
        if normalise(rows.get(name)) != expected and not _same_number(rows.get(name), expected)
    }
    assert not wrong, f"(got, expected) per case: {wrong}"


def _same_number(got: object, expected: str | None) -> bool:
    try:
        return got is not None and expected is not None and float(str(got)) == float(expected)
    except ValueError:
        return False


def test_macros_on_duckdb(tmp_path: Path) -> None:
    import duckdb

    from rolegap.duckdb_functions import register

    db = tmp_path / "macros.duckdb"
    sql = render("duckdb", tmp_path, {"ROLEGAP_DB": str(db)})
    with duckdb.connect(str(db)) as con:
        register(con)  # rolegap's SQL functions, as the dbt profile's plugin registers them
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        check(dict(zip(names, cursor.fetchone(), strict=True)))


def test_macros_on_postgres(tmp_path: Path) -> None:
    psycopg2 = pytest.importorskip(
        "psycopg2", reason="Postgres needs requirements-engines.lock (make engines)"
    )
    from rolegap.engines.postgres_cluster import ClusterError, temporary_cluster

    try:
        cluster_context = temporary_cluster()
        cluster = cluster_context.__enter__()
    except ClusterError as exc:
        pytest.skip(str(exc))
    try:
        sql = render("postgres", tmp_path, cluster.env())
        with psycopg2.connect(cluster.dsn) as con, con.cursor() as cur:
            cur.execute(sql)
            names = [d[0] for d in cur.description]
            check(dict(zip(names, cur.fetchone(), strict=True)))
    finally:
        cluster_context.__exit__(None, None, None)


def test_macros_on_spark(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="Spark needs requirements-engines.lock (make engines)")
    env = {"ROLEGAP_SPARK_DIR": str(tmp_path / "spark")}
    sql = render("spark", tmp_path, env)
    code = (
        "import json, sys\nfrom rolegap.engines.spark_session import session\n"
        "row = session().sql(sys.stdin.read()).collect()[0]\nprint(json.dumps(row.asDict()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=sql,
        env={**os.environ, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    check(json.loads(done.stdout.strip().splitlines()[-1]))
