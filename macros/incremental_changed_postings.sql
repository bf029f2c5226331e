{#- A select of the posting_ids with a version (incremental_versions_relation) in a load batch not in
    `done` (the batches the current model has absorbed, from incremental_scope): the postings an
    incremental posting-grain model recomputes. -#}
{% macro incremental_changed_postings(done) -%}
    select distinct changed_versions.posting_id
    from {{ incremental_versions_relation() }} as changed_versions
    {%- if done %}
    where changed_versions.batch_id not in ({{ sql_list(done) }})
    {%- endif %}
{%- endmacro %}
