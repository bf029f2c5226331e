{#- Every non-overlapping match of the pattern in the text, whole matches in order, as a list
    (empty when nothing matches, null on null text). DuckDB's regexp_extract_all, Spark's with
    group 0 (its default is group 1); Postgres collects regexp_matches(..., 'g') with the pattern
    wrapped in one group, so capture groups inside it do not change what is returned. -#}
{% macro regex_extract_all(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract_all', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__regex_extract_all(expression, pattern) -%}
    case when {{ expression }} is not null then array(
        select regex_match[1] from regexp_matches({{ expression }}, '(' || {{ pattern }} || ')', 'g') as regex_match
    ) end
{%- endmacro %}

{% macro spark__regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }}, 0)
{%- endmacro %}
