{#-
    Generic data test: every row's minimum is at most its maximum. Fails with the offending rows,
    the key and a message saying which columns are out of order.
-#}
{% test salary_range_is_ordered(model, key_column, min_column, max_column) %}

select
    {{ key_column }},
    {{ min_column }},
    {{ max_column }},
    '{{ min_column }} is greater than {{ max_column }} in {{ model.name }} for {{ key_column }} '
    || {{ key_column }} as failure_message
from {{ model }}
where {{ min_column }} > {{ max_column }}

{% endtest %}
