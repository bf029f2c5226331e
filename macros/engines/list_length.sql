{#- The number of elements of a list/array column, null for a null list (Spark's size() says -1). -#}
{% macro list_length(expression) -%}
    {{ return(adapter.dispatch('list_length', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__list_length(expression) -%}
    len({{ expression }})
{%- endmacro %}

{% macro postgres__list_length(expression) -%}
    coalesce(cardinality({{ expression }}), case when {{ expression }} is not null then 0 end)
{%- endmacro %}

{% macro spark__list_length(expression) -%}
    case when {{ expression }} is not null then size({{ expression }}) end
{%- endmacro %}
