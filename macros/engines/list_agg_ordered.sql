{#- The group's values of `expression` as a list, in the order of `ordering` (ascending; keep it
    unique). DuckDB's list(... order by), Postgres's array_agg(... order by); Spark has no ordered
    aggregate: its (ordering, value) pairs are collected, sorted and projected. -#}
{% macro list_agg_ordered(expression, ordering) -%}
    {{ return(adapter.dispatch('list_agg_ordered', 'rolegap')(expression, ordering)) }}
{%- endmacro %}

{% macro default__list_agg_ordered(expression, ordering) -%}
    list({{ expression }} order by {{ ordering }})
{%- endmacro %}

{% macro postgres__list_agg_ordered(expression, ordering) -%}
    array_agg({{ expression }} order by {{ ordering }})
{%- endmacro %}

{% macro spark__list_agg_ordered(expression, ordering) -%}
    transform(
        array_sort(collect_list(named_struct('list_ordering', {{ ordering }}, 'list_value', {{ expression }}))),
        list_pair -> list_pair.list_value
    )
{%- endmacro %}
