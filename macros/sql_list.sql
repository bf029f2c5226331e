{#- A Jinja list as a SQL list of string literals: ['a', 'b'] -> 'a', 'b'. -#}
{% macro sql_list(values) -%}
    {%- for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor -%}
{%- endmacro %}
