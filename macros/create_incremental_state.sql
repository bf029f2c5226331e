{#- Create the incremental bookkeeping table (incremental_state_relation) if it does not exist: run
    once per dbt invocation from on-run-start, before models run in parallel. The schema is created
    through the adapter (Spark runs one statement per call; Postgres takes no database there). -#}
{% macro create_incremental_state() -%}
    {%- set state = incremental_state_relation() -%}
    {%- if execute -%}
        {%- do adapter.create_schema(state) -%}
    {%- endif -%}
    create table if not exists {{ state }} (
        model_id {{ dbt.type_string() }},
        batch_id {{ dbt.type_string() }},
        fingerprint {{ dbt.type_string() }},
        recorded_at {{ dbt.type_timestamp() }}
    )
{%- endmacro %}
