{#-
    Periods per year for a normalised pay interval: year 1, month 12, week 52,
    day 260 (working days), hour 2080 (40 h x 52 weeks). Null for an unknown interval.
-#}
{% macro pay_interval_multiplier(interval) -%}
    case {{ interval }}
        when 'year' then 1
        when 'month' then 12
        when 'week' then 52
        when 'day' then 260
        when 'hour' then 2080
    end
{%- endmacro %}
