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

{#- The column-list union behind the Postgres and Spark bodies of union_all_by_name. -#}
{% macro union_all_by_column_list(relations) -%}
    {%- if not execute -%}
        {{- return('select 1 as placeholder') -}}
    {%- endif -%}
    {%- set names = [] -%}
    {%- set owner = {} -%}
    {%- set present = {} -%}
    {%- for relation in relations -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- set name = column.name | lower -%}
            {%- do columns.append(name) -%}
            {%- if name not in owner -%}
                {%- do names.append(name) -%}
                {%- do owner.update({name: relation}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do present.update({relation | string: columns}) -%}
    {%- endfor -%}
    {%- for relation in relations %}
    select
        {%- for name in names %}
        {% if name in present[relation | string] -%}
            {{ name }}
        {%- else -%}
            (select {{ name }} from {{ owner[name] }} where 1 = 0)
        {%- endif %} as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
