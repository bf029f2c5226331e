{#- The value of `value` on the row with the smallest `ordering` in the group (rows whose ordering
    is null are ignored, as DuckDB's arg_min does). Ties: keep orderings unique (add a tie-breaker
    to the ordering), or engines may pick different rows. -#}
{% macro arg_min(value, ordering) -%}
    {{ return(adapter.dispatch('arg_min', 'rolegap')(value, ordering)) }}
{%- endmacro %}

{% macro default__arg_min(value, ordering) -%}
    arg_min({{ value }}, {{ ordering }})
{%- endmacro %}

{% macro postgres__arg_min(value, ordering) -%}
    (array_agg({{ value }} order by {{ ordering }}) filter (where {{ ordering }} is not null))[1]
{%- endmacro %}

{% macro spark__arg_min(value, ordering) -%}
    min_by({{ value }}, {{ ordering }})
{%- endmacro %}
