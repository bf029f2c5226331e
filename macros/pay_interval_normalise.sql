{#-
    The one place a pay interval is normalised: a word or code for it, as any source states it,
    as one of year / month / week / day / hour (case and surrounding space ignored); null otherwise.
    Words: year, yr, annum, annual, annually, yearly, p.a.; month, mo, monthly; week, wk, weekly;
    day, daily; hour, hr, hourly. ATS codes: Lever per-year-salary, per-month-salary,
    per-week-salary, per-day-wage, per-hour-wage; Ashby 1 YEAR, 1 MONTH, 1 WEEK, 1 DAY, 1 HOUR.
-#}
{% macro pay_interval_normalise(interval_text) -%}
    {%- set synonyms = {
        'year': ['year', 'yr', 'annum', 'annual', 'annually', 'yearly', 'p.a.', 'per-year-salary', '1 year'],
        'month': ['month', 'mo', 'monthly', 'per-month-salary', '1 month'],
        'week': ['week', 'wk', 'weekly', 'per-week-salary', '1 week'],
        'day': ['day', 'daily', 'per-day-wage', '1 day'],
        'hour': ['hour', 'hr', 'hourly', 'per-hour-wage', '1 hour'],
    } -%}
    case
        {%- for interval, words in synonyms.items() %}
            when lower(trim({{ interval_text }})) in ({{ sql_list(words) }}) then '{{ interval }}'
        {%- endfor %}
    end
{%- endmacro %}
