{#- Text at a JSON path ('$.a.b', '$.a[0].b'), null when absent. Cross-database through adapter.dispatch. -#}
{% macro json_text(column, path) -%}
    {{ return(adapter.dispatch('json_text', 'rolegap')(column, path)) }}
{%- endmacro %}

{% macro default__json_text(column, path) -%}
    json_extract_string({{ column }}, '{{ path }}')
{%- endmacro %}

{#- Postgres: the path as a #>> key path ('$.a[0].b' is '{a,0,b}'). -#}
{% macro postgres__json_text(column, path) -%}
    ({{ column }})::jsonb #>> '{{ "{" ~ path.replace("$.", "").replace("[", ".").replace("]", "").replace(".", ",") ~ "}" }}'
{%- endmacro %}

{% macro spark__json_text(column, path) -%}
    get_json_object({{ column }}, '{{ path }}')
{%- endmacro %}
