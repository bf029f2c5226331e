{#- The engine's 8-byte floating point type (DuckDB and Spark double, Postgres double precision):
    dbt.type_float() is a 4-byte float on DuckDB. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'rolegap')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
