{#- regex_extract_all for the skill tagger's one combined pattern. On DuckDB, RE2 with a larger DFA
    budget through the function rolegap.duckdb_functions registers on every dbt connection: the
    pattern is too large for the budget DuckDB gives RE2, which then falls back to its NFA, ~10x
    slower. Elsewhere the engine's own regex_extract_all. -#}
{% macro tagger_regex_extract_all(expression, pattern) -%}
    {{ return(adapter.dispatch('tagger_regex_extract_all', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__tagger_regex_extract_all(expression, pattern) -%}
    {{ rolegap.regex_extract_all(expression, pattern) }}
{%- endmacro %}

{% macro duckdb__tagger_regex_extract_all(expression, pattern) -%}
    rolegap_regexp_extract_all({{ expression }}, {{ pattern }})
{%- endmacro %}
