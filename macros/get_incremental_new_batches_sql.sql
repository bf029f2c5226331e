{#- Incremental strategy `new_batches` (staging models keyed on the load batch): the new batches'
    rows are appended; rows of batches not absorbed yet are deleted first (none, unless an earlier
    build stopped half way), and every row when incremental_scope says all (a changed fingerprint:
    the temporary relation then holds every row). record_incremental_state then records the state
    in the same transaction. -#}
{% macro get_incremental_new_batches_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set scope = incremental_scope() -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- if scope.all %}
    delete from {{ target }};
    {%- elif scope.done %}
    delete from {{ target }} where batch_id not in ({{ sql_list(scope.done) }});
    {%- endif %}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}
