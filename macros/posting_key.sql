{#- The stable posting_id: md5 of source, normalised board and the source's own job id. -#}
{% macro posting_key(source, board, source_job_id) -%}
    md5({{ source }} || ':' || {{ company_key(board) }} || ':' || {{ source_job_id }})
{%- endmacro %}
