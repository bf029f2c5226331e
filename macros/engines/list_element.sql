{#- The element at a 1-based position of a list, null past its end (DuckDB and Postgres
    subscripts; Spark try_element_at, whose element_at fails past the end in ANSI mode). -#}
{% macro list_element(expression, position) -%}
    {{ return(adapter.dispatch('list_element', 'rolegap')(expression, position)) }}
{%- endmacro %}

{% macro default__list_element(expression, position) -%}
    ({{ expression }})[{{ position }}]
{%- endmacro %}

{% macro spark__list_element(expression, position) -%}
    try_element_at({{ expression }}, cast({{ position }} as int))
{%- endmacro %}
