-- In-scope openings per month (of posted_date) × role family × market, every month of the window
-- listed (zeros included). Open-at-month-end needs the openings' open/close history, which the
-- postings do not carry yet: that column is null until marts.postings has first_seen_at/closed_at
-- (it stays last, after the counts, hence the ST06 exception below).
with

classified as (

    select * from {{ ref('int_postings_classified') }}

),

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

families as (

    select unnest(['data_scientist', 'ml_engineer']) as role_family

),

markets as (

    select unnest([{{ sql_list(var('included_markets')) }}]) as market

),

counts as (

    select
        cast(date_trunc('month', classified.posted_date) as date) as month_start_date,
        classified.role_family,
        classified.market,
        count(*) as openings_n,
        count(*) filter (where classified.is_startup) as startup_openings_n
    from classified
    where classified.is_in_scope
    group by all

),

final as (

    select  -- noqa: ST06
        calendar_months.month_start_date,
        families.role_family,
        markets.market,
        coalesce(counts.openings_n, 0) as openings_n,
        coalesce(counts.startup_openings_n, 0) as startup_openings_n,
        cast(null as bigint) as open_at_month_end_n
    from calendar_months
    cross join families
    cross join markets
    left join counts
        on
            calendar_months.month_start_date = counts.month_start_date
            and families.role_family = counts.role_family
            and markets.market = counts.market

)

select * from final
