{#- A seed's regular expression (written for RE2, DuckDB's engine) in the engine's dialect.
    RE2 and Java (Spark) read the seeds' syntax as it is. Postgres's ARE reads `\b` as a backspace:
    its word boundary is `\y`. (`(?i:...)` groups have no ARE equivalent: a seed needing one is
    rewritten with an explicit class, e.g. `[Pp]ython`.) -#}
{% macro regex_pattern(pattern) -%}
    {{ return(adapter.dispatch('regex_pattern', 'rolegap')(pattern)) }}
{%- endmacro %}

{% macro default__regex_pattern(pattern) -%}
    {{ pattern }}
{%- endmacro %}

{% macro postgres__regex_pattern(pattern) -%}
    replace({{ pattern }}, '\b', '\y')
{%- endmacro %}

{% macro spark__regex_pattern(pattern) -%}
    {{ pattern }}
{%- endmacro %}
