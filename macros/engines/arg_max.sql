{#- The value of `value` on the row with the largest `ordering` in the group (null orderings
    ignored, as DuckDB's arg_max). Ties: keep orderings unique. -#}
{% macro arg_max(value, ordering) -%}
    {{ return(adapter.dispatch('arg_max', 'rolegap')(value, ordering)) }}
{%- endmacro %}

{% macro default__arg_max(value, ordering) -%}
    arg_max({{ value }}, {{ ordering }})
{%- endmacro %}

{% macro postgres__arg_max(value, ordering) -%}
    (array_agg({{ value }} order by {{ ordering }} desc) filter (where {{ ordering }} is not null))[1]
{%- endmacro %}

{% macro spark__arg_max(value, ordering) -%}
    max_by({{ value }}, {{ ordering }})
{%- endmacro %}
