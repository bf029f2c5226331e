{#- Every match of the pattern replaced (DuckDB and Postgres need the 'g' flag, Spark replaces
    all). The replacement is literal text here: back-references differ (`\1` vs `$1`). -#}
{% macro regex_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'rolegap')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro postgres__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}
