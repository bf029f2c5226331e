{#- Post-hook of the incremental models: the model has now absorbed every load batch of its input
    (its own rows' batch_id for strategy new_batches; the landed versions,
    incremental_versions_relation, for changed_postings), under the current fingerprint. Rewrites
    the model's rows of incremental_state_relation, in the model's transaction. Nothing on Spark,
    where every build rebuilds the models whole (incremental_scope). -#}
{% macro record_incremental_state() -%}
    {%- if execute and target.type != 'spark' -%}
        {%- set state = incremental_state_relation() -%}
        {%- set fingerprint = incremental_fingerprint() -%}
        {%- if config.get('incremental_strategy') == 'changed_postings' -%}
            {%- set batches = incremental_versions_relation() -%}
        {%- else -%}
            {%- set batches = this -%}
        {%- endif -%}
        delete from {{ state }} where model_id = '{{ model.unique_id }}';
        insert into {{ state }} (model_id, batch_id, fingerprint, recorded_at)
        select distinct '{{ model.unique_id }}', absorbed.batch_id, '{{ fingerprint }}', {{ dbt.current_timestamp() }}
        from {{ batches }} as absorbed
        union all
        -- a row even when the input has no batch yet, so the fingerprint is recorded
        select '{{ model.unique_id }}', null, '{{ fingerprint }}', {{ dbt.current_timestamp() }}
    {%- endif -%}
{%- endmacro %}
