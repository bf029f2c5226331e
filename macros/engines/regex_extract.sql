{#- The text of capture group `group` (0 = the whole match) of the first match, '' when nothing
    matches (DuckDB's and Spark's regexp_extract), null on null input. -#}
{% macro regex_extract(expression, pattern, group=0) -%}
    {{ return(adapter.dispatch('regex_extract', 'rolegap')(expression, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern, group=0) -%}
    regexp_extract({{ expression }}, {{ pattern }}, {{ group }})
{%- endmacro %}

{% macro postgres__regex_extract(expression, pattern, group=0) -%}
    case when {{ expression }} is not null then coalesce(
        {%- if group == 0 %}
        (regexp_match({{ expression }}, '(' || {{ pattern }} || ')'))[1],
        {%- else %}
        (regexp_match({{ expression }}, {{ pattern }}))[{{ group }}],
        {%- endif %}
        '') end
{%- endmacro %}

{% macro spark__regex_extract(expression, pattern, group=0) -%}
    regexp_extract({{ expression }}, {{ pattern }}, {{ group }})
{%- endmacro %}
