{#- The engine's 8-byte float type name, for casts and contract data types. dbt.type_float() is not
    it: `float` is 4 bytes on DuckDB and Spark. -#}
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
