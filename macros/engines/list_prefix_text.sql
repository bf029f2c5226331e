{#- The first `count` elements of a list of text joined with no separator ('' for a count of 0;
    null on a null list). DuckDB list_slice, Postgres an array slice, Spark slice(). -#}
{% macro list_prefix_text(expression, count) -%}
    {{ return(adapter.dispatch('list_prefix_text', 'rolegap')(expression, count)) }}
{%- endmacro %}

{% macro default__list_prefix_text(expression, count) -%}
    array_to_string(list_slice({{ expression }}, 1, {{ count }}), '')
{%- endmacro %}

{% macro postgres__list_prefix_text(expression, count) -%}
    array_to_string(({{ expression }})[1:{{ count }}], '')
{%- endmacro %}

{% macro spark__list_prefix_text(expression, count) -%}
    array_join(slice({{ expression }}, 1, cast({{ count }} as int)), '')
{%- endmacro %}
