{#- The last whole match of the pattern in the text, null when nothing matches (or on null text).
    DuckDB list_last over regexp_extract_all; Postgres the last row of regexp_matches(..., 'g');
    Spark try_element_at(..., -1) over regexp_extract_all with group 0. -#}
{% macro regex_extract_last(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract_last', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract_last(expression, pattern) -%}
    list_last(regexp_extract_all({{ expression }}, {{ pattern }}))
{%- endmacro %}

{% macro postgres__regex_extract_last(expression, pattern) -%}
    (
        select regex_match.match_text[1]
        from regexp_matches({{ expression }}, '(' || {{ pattern }} || ')', 'g')
            with ordinality as regex_match (match_text, match_ordinal)
        order by regex_match.match_ordinal desc
        limit 1
    )
{%- endmacro %}

{% macro spark__regex_extract_last(expression, pattern) -%}
    try_element_at(regexp_extract_all({{ expression }}, {{ pattern }}, 0), -1)
{%- endmacro %}
