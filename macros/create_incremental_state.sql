{#- Create the incremental bookkeeping table (incremental_state_relation) if it does not exist: run
    once per dbt invocation from on-run-start, before models run in parallel. -#}
{% macro create_incremental_state() -%}
    {%- set state = incremental_state_relation() -%}
    {#- the adapter's own create schema (Postgres takes no database in front of the schema) -#}
    {%- if execute -%}{%- do adapter.create_schema(state) -%}{%- endif %}
    create table if not exists {{ state }} (
        model_id {{ dbt.type_string() }},
        batch_id {{ dbt.type_string() }},
        fingerprint {{ dbt.type_string() }},
        recorded_at {{ dbt.type_timestamp() }}
    )
{%- endmacro %}
