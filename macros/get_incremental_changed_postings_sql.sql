{#- Incremental strategy `changed_postings` (posting-grain models, one or more rows per posting):
    every row of the postings incremental_changed_postings names is deleted and the recomputed rows
    inserted, so a posting that now has fewer rows (or none: a skill no longer mentioned) loses the
    old ones; every row when incremental_scope says all. The key column is the model's unique_key. -#}
{% macro get_incremental_changed_postings_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set key = arg_dict['unique_key'] or 'posting_id' -%}
    {%- set scope = incremental_scope() -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- if scope.all %}
    delete from {{ target }};
    {%- else %}
    delete from {{ target }} where {{ key }} in ({{ incremental_changed_postings(scope.done) }});
    {%- endif %}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}
