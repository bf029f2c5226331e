{#- A where-condition on a posting-grain input of an incremental posting-grain model (strategy
    changed_postings): only the postings that have a version in a load batch the model has not
    absorbed (incremental_changed_postings), or every row when incremental_scope says all. The
    model then recomputes those postings from all their inputs, so the condition goes on every
    posting-grain input it reads (each import CTE), the same set each time. -#}
{% macro incremental_postings_filter(column='posting_id') -%}
    {%- set scope = incremental_scope() -%}
    {%- if scope.all -%}
        true
    {%- else -%}
        {{ column }} in ({{ incremental_changed_postings(scope.done) }})
    {%- endif -%}
{%- endmacro %}
