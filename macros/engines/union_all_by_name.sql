{#- `union all` of relations matched by column name, a column missing from a relation as null
    (DuckDB's `union all by name`). Postgres and Spark list the columns, in order of first
    appearance, from the warehouse (adapter.get_columns_in_relation); a missing column is a null of
    the type it has where it exists (an empty scalar subquery on that relation, so list types need
    no spelling). -#}
{% macro union_all_by_name(relations) -%}
    {{ return(adapter.dispatch('union_all_by_name', 'rolegap')(relations)) }}
{%- endmacro %}

{% macro default__union_all_by_name(relations) -%}
    {%- for relation in relations %}
    select * from {{ relation }}
    {%- if not loop.last %}
    union all by name
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

{% macro postgres__union_all_by_name(relations) -%}
    {{ rolegap.union_all_by_column_list(relations) }}
{%- endmacro %}

{% macro spark__union_all_by_name(relations) -%}
    {{ rolegap.union_all_by_column_list(relations) }}
{%- endmacro %}
