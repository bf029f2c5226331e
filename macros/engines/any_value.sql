{#- One value of the group, for columns that are equal on every row of it (a company's name per
    company key). Postgres 15 has no any_value (16 does): min() there, which is one of the values. Do
    not use it where the rows differ: engines would pick different ones. -#}
{% macro any_value(expression) -%}
    {{ return(adapter.dispatch('any_value', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__any_value(expression) -%}
    any_value({{ expression }})
{%- endmacro %}

{% macro postgres__any_value(expression) -%}
    min({{ expression }})
{%- endmacro %}

{% macro spark__any_value(expression) -%}
    any_value({{ expression }})
{%- endmacro %}
