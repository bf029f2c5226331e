{#- Fails with one row per value of column_name that is not listed in column `field` of `to`
    (among the rows of `to` meeting `to_filter`, a SQL condition, when given): accepted_values
    whose list is a seed (role_families, seniority_levels, ...) instead of a copy of it. -#}
{% test listed_in(model, column_name, to, field, to_filter=none) %}

with

listed as (

    select {{ field }} as listed_value
    from {{ to }}
    {%- if to_filter %}
        where {{ to_filter }}
    {%- endif %}

)

select
    {{ column_name }} as unlisted_value,
    count(*) as rows_n,
    '{{ column_name }} = ' || {{ column_name }} || ' is not listed in {{ to }}.{{ field }}'
    {%- if to_filter %} || ' where {{ to_filter | replace("'", "''") }}'{% endif %} as problem
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (select listed.listed_value from listed)
group by {{ column_name }}

{% endtest %}
