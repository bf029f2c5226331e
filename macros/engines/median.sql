{#- The median of a numeric column, interpolated between the two middle values when the count is
    even (DuckDB's median, Postgres's percentile_cont(0.5), Spark's percentile(x, 0.5)); nulls ignored. -#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro postgres__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
