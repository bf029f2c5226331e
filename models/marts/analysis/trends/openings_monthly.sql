-- In-scope openings per month (of posted_date) × role family × market, every month of the window
-- listed (zeros included), and how many were open at the month's end where the open/close history
-- covers that day (marts.postings' history: first seen on or before it, not closed by then).
with

postings as (

    select * from {{ ref('postings') }}

),

analysis_window as (

    select * from {{ ref('analysis_window') }}

),

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

markets as (

    -- one row per included market (a var, not a seed); a union of constant rows reads on every engine
    {% for market in var('included_markets') -%}
        select '{{ market }}' as market
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

in_scope as (

    select
        postings.posting_id,
        cast(date_trunc('month', postings.posted_date) as date) as month_start_date,
        postings.role_family,
        postings.market,
        postings.is_startup,
        cast(postings.first_seen_at as date) as first_seen_date,
        cast(postings.closed_at as date) as closed_date
    from postings
    where postings.is_in_scope

),

posted as (

    select
        in_scope.month_start_date,
        in_scope.role_family,
        in_scope.market,
        count(*) as openings_n,
        count(*) filter (where in_scope.is_startup) as startup_openings_n
    from in_scope
    group by in_scope.month_start_date, in_scope.role_family, in_scope.market

),

history_months as (

    -- The history covers a month's last day when something was seen on or before it and the
    -- warehouse was fetched on or after it (else whether an opening was open then is unknown).
    select calendar_months.month_start_date
    from calendar_months
    cross join analysis_window
    where
        analysis_window.latest_fetched_date >= calendar_months.month_end_date
        and (select min(in_scope.first_seen_date) from in_scope) <= calendar_months.month_end_date

),

open_at_month_end as (

    select
        calendar_months.month_start_date,
        in_scope.role_family,
        in_scope.market,
        count(*) as open_at_month_end_n
    from calendar_months
    inner join in_scope
        on
            calendar_months.month_end_date >= in_scope.first_seen_date
            and (in_scope.closed_date is null or calendar_months.month_end_date < in_scope.closed_date)
    group by calendar_months.month_start_date, in_scope.role_family, in_scope.market

),

final as (

    select  -- noqa: ST06
        calendar_months.month_start_date,
        role_families.role_family,
        markets.market,
        coalesce(posted.openings_n, 0) as openings_n,
        coalesce(posted.startup_openings_n, 0) as startup_openings_n,
        case
            when history_months.month_start_date is not null
                then coalesce(open_at_month_end.open_at_month_end_n, 0)
        end as open_at_month_end_n
    from calendar_months
    cross join role_families
    cross join markets
    left join posted
        on
            calendar_months.month_start_date = posted.month_start_date
            and role_families.role_family = posted.role_family
            and markets.market = posted.market
    left join history_months
        on calendar_months.month_start_date = history_months.month_start_date
    left join open_at_month_end
        on
            calendar_months.month_start_date = open_at_month_end.month_start_date
            and role_families.role_family = open_at_month_end.role_family
            and markets.market = open_at_month_end.market
    where role_families.is_analysed

)

select * from final
