{#- The texts of the JSON array at a path ('$.a.b'), in order, as a list of text: each element's
    own text, or the text of its `field` when it is an object. DuckDB's json_extract_string over
    '$.a.b[*]'; Postgres and Spark go through json_array (empty when absent or not an array, null
    on null JSON). -#}
{% macro json_text_list(column, path, field=none) -%}
    {{ return(adapter.dispatch('json_text_list', 'rolegap')(column, path, field)) }}
{%- endmacro %}

{% macro default__json_text_list(column, path, field=none) -%}
    json_extract_string({{ column }}, '{{ path }}[*]{{ "." ~ field if field }}')
{%- endmacro %}

{% macro postgres__json_text_list(column, path, field=none) -%}
    {%- set elements = rolegap.json_array(column, path) -%}
    case when ({{ elements }}) is not null then array(
        select json_element.value #>> '{{ "{" ~ (field or "") ~ "}" }}'
        from unnest({{ elements }}) with ordinality as json_element (value, element_n)
        order by json_element.element_n
    ) end
{%- endmacro %}

{% macro spark__json_text_list(column, path, field=none) -%}
    {%- if field -%}
        transform({{ rolegap.json_array(column, path) }}, json_element -> get_json_object(json_element, '$.{{ field }}'))
    {%- else -%}
        {{ rolegap.json_array(column, path) }}
    {%- endif -%}
{%- endmacro %}
