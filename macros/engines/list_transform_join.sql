{#- Each element of a list turned into text by `element_sql` (SQL naming the element
    `element_name`), joined with `separator`, in list order: '' for an empty list, null for a null
    one. DuckDB and Spark with a lambda; Postgres over unnest ... with ordinality. -#}
{% macro list_transform_join(list_expression, element_name, element_sql, separator) -%}
    {{ return(adapter.dispatch('list_transform_join', 'rolegap')(list_expression, element_name, element_sql, separator)) }}
{%- endmacro %}

{% macro default__list_transform_join(list_expression, element_name, element_sql, separator) -%}
    array_to_string(
        list_transform(
            {{ list_expression }},
            lambda {{ element_name }}: {{ element_sql }}  -- noqa: RF03
        ),
        {{ separator }}
    )
{%- endmacro %}

{% macro postgres__list_transform_join(list_expression, element_name, element_sql, separator) -%}
    (
        select case when source_list.list_value is not null then coalesce((
            select string_agg({{ element_sql }}, {{ separator }} order by list_items.element_n)
            from unnest(source_list.list_value) with ordinality as list_items ({{ element_name }}, element_n)
        ), '') end
        from (select {{ list_expression }} as list_value) as source_list
    )
{%- endmacro %}

{% macro spark__list_transform_join(list_expression, element_name, element_sql, separator) -%}
    array_join(transform({{ list_expression }}, {{ element_name }} -> {{ element_sql }}), {{ separator }})
{%- endmacro %}
