{#- Placed between a CTE's name and its body (`located as cte_inlined() (...)`, in double braces): the engine
    reads the CTE's source again for every consumer instead of materializing it once. For an import
    CTE of a wide posting-grain table read by several CTEs, each consumer then scans only the columns
    it needs: DuckDB otherwise writes every column once per build into a temporary result that
    spills at scale (1M postings: 3.7 GB). Postgres 12+ has the same clause; Spark inlines CTEs. -#}
{% macro cte_inlined() -%}
    {{ return(adapter.dispatch('cte_inlined', 'rolegap')()) }}
{%- endmacro %}

{% macro default__cte_inlined() -%}
    not materialized
{%- endmacro %}

{% macro spark__cte_inlined() -%}
{%- endmacro %}
