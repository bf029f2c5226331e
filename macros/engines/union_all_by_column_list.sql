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
