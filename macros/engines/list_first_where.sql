{#- The first element of a list for which `condition` (SQL naming the element `element_name`)
    holds; null when none does or the list is null. -#}
{% macro list_first_where(list_expression, element_name, condition) -%}
    {{ return(adapter.dispatch('list_first_where', 'rolegap')(list_expression, element_name, condition)) }}
{%- endmacro %}

{% macro default__list_first_where(list_expression, element_name, condition) -%}
    list_filter(
        {{ list_expression }},
        lambda {{ element_name }}: {{ condition }}  -- noqa: RF03
    )[1]
{%- endmacro %}

{% macro postgres__list_first_where(list_expression, element_name, condition) -%}
    (
        select list_items.{{ element_name }}
        from unnest({{ list_expression }}) with ordinality as list_items ({{ element_name }}, element_n)
        where {{ condition }}
        order by list_items.element_n
        limit 1
    )
{%- endmacro %}

{% macro spark__list_first_where(list_expression, element_name, condition) -%}
    try_element_at(filter({{ list_expression }}, {{ element_name }} -> {{ condition }}), 1)
{%- endmacro %}
