{#- A double as text the way DuckDB casts it, on every engine: a whole number with '.0'
    (`150000.0`), otherwise the engine's shortest round-trip text. Postgres casts 150000 as
    `150000` and Spark 15000000 as `1.5E7`, so whole numbers below 1e15 are written from a bigint. -#}
{% macro number_text(expression) -%}
    {{ return(adapter.dispatch('number_text', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__number_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__number_text(expression) -%}
    case
        when {{ expression }} = floor({{ expression }}) and abs({{ expression }}) < 1e15
            then cast(cast({{ expression }} as bigint) as {{ dbt.type_string() }}) || '.0'
        else cast({{ expression }} as {{ dbt.type_string() }})
    end
{%- endmacro %}

{% macro spark__number_text(expression) -%}
    {{ rolegap.postgres__number_text(expression) }}
{%- endmacro %}
