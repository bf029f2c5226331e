{#- Text as a number, null when it is not one (DuckDB's try_cast). Postgres has no safe cast and
    dbt's safe_cast is a plain cast there: a pattern guard first. Spark's try_cast. -#}
{% macro safe_cast_number(expression, type) -%}
    {{ return(adapter.dispatch('safe_cast_number', 'rolegap')(expression, type)) }}
{%- endmacro %}

{% macro default__safe_cast_number(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}

{% macro postgres__safe_cast_number(expression, type) -%}
    case when trim(cast({{ expression }} as text)) ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$'
        then cast(trim(cast({{ expression }} as text)) as {{ type }}) end
{%- endmacro %}

{% macro spark__safe_cast_number(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}
