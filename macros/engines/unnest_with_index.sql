{#- Select-list items: one row per element of the list `expression`, as `element_name`, with its
    1-based position as `index_name` (a null or empty list gives no row). DuckDB and Postgres zip
    two set-returning calls in one select; Spark's inline() over the list's (element, index) pairs. -#}
{% macro unnest_with_index(expression, element_name, index_name) -%}
    {{ return(adapter.dispatch('unnest_with_index', 'rolegap')(expression, element_name, index_name)) }}
{%- endmacro %}

{% macro default__unnest_with_index(expression, element_name, index_name) -%}
    unnest({{ expression }}) as {{ element_name }},
    unnest(range(1, len({{ expression }}) + 1)) as {{ index_name }}
{%- endmacro %}

{% macro postgres__unnest_with_index(expression, element_name, index_name) -%}
    unnest({{ expression }}) as {{ element_name }},
    generate_subscripts({{ expression }}, 1) as {{ index_name }}
{%- endmacro %}

{% macro spark__unnest_with_index(expression, element_name, index_name) -%}
    inline(transform(
        {{ expression }},
        (list_element, list_index) -> named_struct(
            '{{ element_name }}', list_element, '{{ index_name }}', cast(list_index + 1 as bigint)
        )
    ))
{%- endmacro %}
