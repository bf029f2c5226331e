{#- Where the incremental models record which load batches they have absorbed, and under which
    fingerprint (incremental_fingerprint): one row per (model, batch). Bookkeeping of the
    incremental macros, not a model: created by record_incremental_state on first use. -#}
{% macro incremental_state_relation() -%}
    {#- Spark's relations have no database (its target has none). -#}
    {%- set database = target.database if target.type != 'spark' else none -%}
    {{- return(api.Relation.create(database=database, schema='meta', identifier='incremental_state')) -}}
{%- endmacro %}
