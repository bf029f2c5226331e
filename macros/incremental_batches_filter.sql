{#- A where-condition on a raw landing table's rows for an incremental model keyed on the load batch
    (strategy new_batches): only the batches the model has not absorbed, or every row when
    incremental_scope says all. A list of literals, so engines prune with it. -#}
{% macro incremental_batches_filter(column='batch_id') -%}
    {%- set scope = incremental_scope() -%}
    {%- if scope.all or not scope.done -%}
        true
    {%- else -%}
        {{ column }} not in ({{ sql_list(scope.done) }})
    {%- endif -%}
{%- endmacro %}
