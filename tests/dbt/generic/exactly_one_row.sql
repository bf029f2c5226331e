{#- Fails (one row saying how many it has) unless the model has exactly one row. -#}
{% test exactly_one_row(model) %}

select
    count(*) as rows_n,
    'expected exactly one row, found ' || count(*) as problem
from {{ model }}
having count(*) != 1

{% endtest %}
