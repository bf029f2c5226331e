{#- The text split at every match of the pattern, as a list of the pieces between matches (n
    matches give n + 1 pieces, empty ones kept, a match at either end gives an empty first or last
    piece). DuckDB and Postgres regexp_split_to_array; Spark split with limit -1 (keeps trailing
    empty pieces). -#}
{% macro regex_split(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_split', 'rolegap')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_split(expression, pattern) -%}
    regexp_split_to_array({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro spark__regex_split(expression, pattern) -%}
    split({{ expression }}, {{ pattern }}, -1)
{%- endmacro %}
