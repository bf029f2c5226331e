{#- Fails with every row whose share (column_name, a fraction) is inconsistent: outside [0, 1],
    outside its own interval [lower, upper] when the interval columns are named, published although
    its n is below var('min_sample_n'), or withheld although n reaches it. Every share column of
    the analysis and trend marts carries it. -#}
{% test share_is_consistent(model, column_name, n, lower=none, upper=none) %}

with

judged as (

    select
        *,
        case
            when {{ column_name }} < 0 or {{ column_name }} > 1
                then '{{ column_name }} outside [0, 1]: ' || {{ column_name }}
            {%- if lower and upper %}
                when {{ column_name }} < {{ lower }} - 1e-12 or {{ column_name }} > {{ upper }} + 1e-12
                    then '{{ column_name }} ' || {{ column_name }} || ' outside its interval ['
                    || {{ lower }} || ', ' || {{ upper }} || ']'
            {%- endif %}
            when {{ column_name }} is not null and {{ n }} < {{ var('min_sample_n') }}
                then '{{ column_name }} published with {{ n }} = ' || {{ n }} || ' below min_sample_n'
            when {{ column_name }} is null and {{ n }} >= {{ var('min_sample_n') }}
                then '{{ column_name }} withheld although {{ n }} = ' || {{ n }}
        end as problem
    from {{ model }}

)

select *
from judged
where problem is not null

{% endtest %}
