{#- Every non-overlapping match of the skill tagger's combined pattern, leftmost first, as a list of
    texts (regexp_extract_all semantics). On DuckDB, RE2 with a larger DFA budget through the
    function rolegap.duckdb_functions registers (the pattern is too large for DuckDB's built-in
    budget and would run on RE2's NFA, ~10x slower); elsewhere the engine's own. -#}
{% macro tagger_regex_extract_all(expression, pattern) -%}
    {{ return(adapter.dispatch('tagger_regex_extract_all', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__tagger_regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro duckdb__tagger_regex_extract_all(expression, pattern) -%}
    rolegap_regexp_extract_all({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__tagger_regex_extract_all(expression, pattern) -%}
    array(select matched[1] from regexp_matches({{ expression }}, {{ pattern }}, 'g') as matched)
{%- endmacro %}

{% macro spark__tagger_regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }}, 0)
{%- endmacro %}
