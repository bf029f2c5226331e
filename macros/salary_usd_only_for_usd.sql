{#-
    Generic data test: USD columns hold a value only when the posting's own currency is USD and a
    usable salary was found, and then equal the annual columns (amounts are never converted).
-#}
{% test salary_usd_only_for_usd(model, key_column, currency_column, usd_columns, annual_columns, flag_column) %}

select
    {{ key_column }},
    {{ currency_column }},
    'USD columns disagree with ' || coalesce({{ currency_column }}, 'a null currency')
    || ' / has flag ' || cast({{ flag_column }} as {{ dbt.type_string() }}) || ' in {{ model.name }} for {{ key_column }} '
    || {{ key_column }} as failure_message
from {{ model }}
where
    {%- for usd_column in usd_columns %}
    {{ 'or ' if not loop.first }}({{ usd_column }} is not null and ({{ currency_column }} is distinct from 'USD' or not {{ flag_column }}))
    or ({{ currency_column }} = 'USD' and {{ flag_column }}
        and {{ usd_column }} is distinct from {{ annual_columns[loop.index0] }})
    {%- endfor %}

{% endtest %}
