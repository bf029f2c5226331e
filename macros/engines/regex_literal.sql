{#- A regular expression written in the project's dialect (RE2 syntax) as a SQL string literal of
    the engine: DuckDB reads it as it is; Postgres's ARE gets it through regex_to_are (`\y` for the
    word boundary, no `(?i:...)` groups); Spark's SQL parser unescapes backslashes in literals, so they are doubled.
    For constant patterns in models; patterns read from seeds go through regex_pattern(). -#}
{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal', 'rolegap')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    '{{ pattern | replace("'", "''") }}'
{%- endmacro %}

{% macro postgres__regex_literal(pattern) -%}
    '{{ rolegap.regex_to_are(pattern) | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__regex_literal(pattern) -%}
    '{{ pattern | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
