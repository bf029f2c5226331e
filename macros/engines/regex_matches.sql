{#- True when the text matches the regular expression anywhere (a boolean, null on null input).
    DuckDB's regexp_matches is RE2; Postgres's `~` is its ARE dialect and Spark's rlike is Java's:
    patterns from seeds go through regex_pattern() first. -#}
{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__regex_matches(expression, pattern) -%}
    ({{ expression }} ~ {{ pattern }})
{%- endmacro %}

{% macro spark__regex_matches(expression, pattern) -%}
    ({{ expression }} rlike {{ pattern }})
{%- endmacro %}
