{#- A seed column type as Spark's DDL takes it: varchar/text without a length is string (Spark
    has varchar(n) only); any other type is kept. -#}
{% macro spark_seed_column_type(column_type) -%}
    {%- set normalised = (column_type | string).strip().lower() -%}
    {%- if normalised in ('varchar', 'text', 'character varying') -%}
        {{ return('string') }}
    {%- else -%}
        {{ return(column_type) }}
    {%- endif -%}
{%- endmacro %}
