{#- The text with only its lines (split on newlines) for which `condition` holds, joined again by
    newlines, in order; null on null text. `condition` is SQL on the line, written with the name
    `line_name`. DuckDB list_filter with a lambda, Spark filter() with one; Postgres has no lambdas:
    the lines are unnested with their ordinality, filtered and aggregated back. -#}
{% macro text_lines_kept(expression, line_name, condition) -%}
    {{ return(adapter.dispatch('text_lines_kept', 'rolegap')(expression, line_name, condition)) }}
{%- endmacro %}

{% macro default__text_lines_kept(expression, line_name, condition) -%}
    array_to_string(
        list_filter(string_split({{ expression }}, chr(10)), lambda {{ line_name }}: {{ condition }}),
        chr(10)
    )
{%- endmacro %}

{% macro postgres__text_lines_kept(expression, line_name, condition) -%}
    case when {{ expression }} is not null then array_to_string(array(
        select {{ line_name }}
        from unnest(string_to_array({{ expression }}, chr(10))) with ordinality as text_lines ({{ line_name }}, line_n)
        where {{ condition }}
        order by line_n
    ), chr(10)) end
{%- endmacro %}

{% macro spark__text_lines_kept(expression, line_name, condition) -%}
    array_join(filter(split({{ expression }}, chr(10), -1), {{ line_name }} -> {{ condition }}), chr(10))
{%- endmacro %}
