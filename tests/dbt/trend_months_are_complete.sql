-- Months complete: calendar_months has every month of the window once, without gaps, and every
-- trend mart has every calendar month for every role family.
with

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

analysis_window as (

    select * from {{ ref('int_analysis_window') }}

),

expected as (

    select
        {{ dbt.datediff(
            dbt.date_trunc('month', 'analysis_window.window_start'),
            dbt.date_trunc('month', 'analysis_window.window_end'),
            'month'
        ) }} + 1 as months_n
    from analysis_window

),

gaps as (

    select
        calendar_months.month_start_date,
        lead(calendar_months.month_start_date) over (order by calendar_months.month_start_date) as next_month_date
    from calendar_months

),

mart_months as (

    select
        'openings_monthly' as mart,
        role_family,
        count(distinct month_start_date) as months_n
    from {{ ref('openings_monthly') }}
    group by role_family
    union all
    select
        'seniority_mix_monthly' as mart,
        role_family,
        count(distinct month_start_date) as months_n
    from {{ ref('seniority_mix_monthly') }}
    group by role_family
    union all
    select
        'skill_trends_monthly' as mart,
        role_family,
        count(distinct month_start_date) as months_n
    from {{ ref('skill_trends_monthly') }}
    group by role_family

)

select
    'calendar_months' as what,
    'has ' || (select count(*) from calendar_months) || ' months, the window has ' || expected.months_n
        as problem
from expected
where (select count(*) from calendar_months) != expected.months_n
union all
select
    'calendar_months' as what,
    'gap after ' || gaps.month_start_date || ': next is ' || gaps.next_month_date as problem
from gaps
where
    gaps.next_month_date is not null
    and gaps.next_month_date != cast({{ dbt.dateadd('month', 1, 'gaps.month_start_date') }} as date)
union all
select
    mart_months.mart as what,
    mart_months.role_family || ' has ' || mart_months.months_n || ' months, the window has '
    || expected.months_n as problem
from mart_months
cross join expected
where mart_months.months_n != expected.months_n
