{#- True when the source table is in the warehouse (always true while parsing, so that the
    dependency is recorded). Lets a staging model read a raw table another tool may not have
    created yet (raw.ingest_snapshots, raw.fetch_log) and return no rows instead of failing. -#}
{% macro source_relation_exists(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set found = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier
    ) -%}
    {{ return(found is not none) }}
{%- endmacro %}
