{#- What the current incremental model must compute in this build, as a dict:
    `all`: every row (not an incremental run; no state recorded; or the fingerprint changed since
    the state was recorded), else only what the load batches in `done` (the batches the model has
    absorbed) leave out. Read from incremental_state_relation at compile and run time. On Spark
    always every row: its parquet tables take no row-level delete, so the models are rebuilt whole
    (insert_overwrite, dbt_project.yml) and record_incremental_state records nothing. -#}
{% macro incremental_scope() -%}
    {%- if not execute or this is none or not is_incremental() -%}  {#- unit tests have no `this` -#}
        {{- return({'all': true, 'done': []}) -}}
    {%- endif -%}
    {%- if target.type == 'spark' -%}
        {{- return({'all': true, 'done': []}) -}}
    {%- endif -%}
    {%- set state = incremental_state_relation() -%}
    {%- set exists_sql -%}
        select count(*) from information_schema.tables
        where lower(table_schema) = lower('{{ state.schema }}') and lower(table_name) = lower('{{ state.identifier }}')
    {%- endset -%}
    {%- if run_query(exists_sql).columns[0].values()[0] == 0 -%}
        {{- return({'all': true, 'done': []}) -}}
    {%- endif -%}
    {%- set recorded = run_query(
        "select batch_id, fingerprint from " ~ state ~ " where model_id = '" ~ model.unique_id ~ "'"
    ) -%}
    {%- set fingerprints = recorded.columns[1].values() | unique | list -%}
    {%- if fingerprints | length != 1 or fingerprints[0] != incremental_fingerprint() -%}
        {{- return({'all': true, 'done': []}) -}}
    {%- endif -%}
    {{- return({'all': false, 'done': recorded.columns[0].values() | reject('none') | sort | list}) -}}
{%- endmacro %}
