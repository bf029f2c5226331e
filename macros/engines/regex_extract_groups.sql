{#- Select-list items: the capture groups of the pattern's first match in the text, one column per
    group, named in group order; '' for a group that did not take part (or no match). DuckDB
    unnests regexp_extract's struct of named groups; Postgres and Spark extract each group by its
    number (regex_extract). -#}
{% macro regex_extract_groups(expression, pattern, names) -%}
    {{ return(adapter.dispatch('regex_extract_groups', 'rolegap')(expression, pattern, names)) }}
{%- endmacro %}

{% macro default__regex_extract_groups(expression, pattern, names) -%}
    unnest(regexp_extract({{ expression }}, {{ pattern }}, [{{ rolegap.sql_list(names) }}]))
{%- endmacro %}

{% macro postgres__regex_extract_groups(expression, pattern, names) -%}
    {%- for name in names %}
    {{ rolegap.regex_extract(expression, pattern, loop.index) }} as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro spark__regex_extract_groups(expression, pattern, names) -%}
    {{ rolegap.postgres__regex_extract_groups(expression, pattern, names) }}
{%- endmacro %}
