{#- The elements of the JSON array at a path ('$.a.b') as a list of JSON values, in order: DuckDB's
    JSON list, Postgres's jsonb[] and Spark's array<string> of JSON texts (each element readable
    with json_text). Empty when the path is absent or not an array, null on null JSON (as DuckDB's
    json_extract over '$.a.b[*]'). -#}
{% macro json_array(column, path) -%}
    {{ return(adapter.dispatch('json_array', 'rolegap')(column, path)) }}
{%- endmacro %}

{% macro default__json_array(column, path) -%}
    json_extract({{ column }}, '{{ path }}[*]')
{%- endmacro %}

{% macro postgres__json_array(column, path) -%}
    {%- set node = "(" ~ column ~ ")::jsonb #> '{" ~ path.replace("$.", "").replace(".", ",") ~ "}'" -%}
    case when jsonb_typeof({{ node }}) = 'array' then array(
        select json_element.value
        from jsonb_array_elements({{ node }}) with ordinality as json_element (value, element_n)
        order by json_element.element_n
    ) when {{ column }} is not null then cast(array[] as jsonb []) end
{%- endmacro %}

{% macro spark__json_array(column, path) -%}
    case when {{ column }} is not null then coalesce(
        from_json(get_json_object({{ column }}, '{{ path }}'), 'array<string>'), cast(array() as array<string>)
    ) end
{%- endmacro %}
