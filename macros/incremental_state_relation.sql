{#- Where the incremental models record which load batches they have absorbed, and under which
    fingerprint (incremental_fingerprint): one row per (model, batch). Bookkeeping of the
    incremental macros, not a model: created by record_incremental_state on first use. -#}
{% macro incremental_state_relation() -%}
    {{- return(api.Relation.create(database=target.database, schema='meta', identifier='incremental_state')) -}}
{%- endmacro %}
