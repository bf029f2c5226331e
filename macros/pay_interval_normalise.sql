{#-
    A pay interval word (year, yr, annum, annual, yearly, p.a., month, mo, monthly, week, wk,
    weekly, day, daily, hour, hr, hourly) as one of year / month / week / day / hour; null otherwise.
-#}
{% macro pay_interval_normalise(interval_text) -%}
    case lower(trim({{ interval_text }}))
        when 'year' then 'year'
        when 'yr' then 'year'
        when 'annum' then 'year'
        when 'annual' then 'year'
        when 'annually' then 'year'
        when 'yearly' then 'year'
        when 'p.a.' then 'year'
        when 'month' then 'month'
        when 'mo' then 'month'
        when 'monthly' then 'month'
        when 'week' then 'week'
        when 'wk' then 'week'
        when 'weekly' then 'week'
        when 'day' then 'day'
        when 'daily' then 'day'
        when 'hour' then 'hour'
        when 'hr' then 'hour'
        when 'hourly' then 'hour'
    end
{%- endmacro %}
