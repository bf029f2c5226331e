{#- The continuous quantile `fraction` (0..1) of a numeric column, interpolated linearly between the
    two nearest values (DuckDB quantile_cont, Postgres percentile_cont ... within group, Spark
    percentile); nulls ignored. DuckDB keeps a decimal input's type (rounding the result): pass doubles. -#}
{% macro quantile_cont(expression, fraction) -%}
    {{ return(adapter.dispatch('quantile_cont', 'rolegap')(expression, fraction)) }}
{%- endmacro %}

{% macro default__quantile_cont(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}

{% macro postgres__quantile_cont(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__quantile_cont(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}
