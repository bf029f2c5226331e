{#- Fails with one row per duplicated key when the combination of columns is not unique. -#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as rows_n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
