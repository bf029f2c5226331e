{#- A text list with `element` first, then the elements of `list_expression` (a null list counts as
    empty; none gives the one-element list). -#}
{% macro text_list_prepend(element, list_expression=none) -%}
    {{ return(adapter.dispatch('text_list_prepend', 'rolegap')(element, list_expression)) }}
{%- endmacro %}

{% macro default__text_list_prepend(element, list_expression=none) -%}
    {%- if list_expression is none -%}
        [{{ element }}]
    {%- else -%}
        list_prepend({{ element }}, coalesce({{ list_expression }}, []))
    {%- endif -%}
{%- endmacro %}

{% macro postgres__text_list_prepend(element, list_expression=none) -%}
    {%- if list_expression is none -%}
        array[cast({{ element }} as text)]
    {%- else -%}
        array_prepend(cast({{ element }} as text), coalesce({{ list_expression }}, cast(array[] as text [])))
    {%- endif -%}
{%- endmacro %}

{% macro spark__text_list_prepend(element, list_expression=none) -%}
    {%- if list_expression is none -%}
        array(cast({{ element }} as string))
    {%- else -%}
        concat(array(cast({{ element }} as string)), coalesce({{ list_expression }}, cast(array() as array<string>)))
    {%- endif -%}
{%- endmacro %}
