-- Seniority mix of in-scope openings per month (of posted_date) × role family, every month of the
-- window and every level listed (zeros included); a share needs var('min_sample_n') openings.
with

postings as (

    select * from {{ ref('postings') }}

),

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

seniority_levels as (

    select * from {{ ref('seniority_levels') }}

),

counts as (

    select
        cast(date_trunc('month', postings.posted_date) as date) as month_start_date,
        postings.role_family,
        postings.seniority,
        count(*) as openings_n
    from postings
    where postings.is_in_scope
    group by
        cast(date_trunc('month', postings.posted_date) as date),
        postings.role_family,
        postings.seniority

),

grid as (

    select
        calendar_months.month_start_date,
        role_families.role_family,
        seniority_levels.seniority,
        seniority_levels.seniority_rank,
        coalesce(counts.openings_n, 0) as openings_n
    from calendar_months
    cross join role_families
    cross join seniority_levels
    left join counts
        on
            calendar_months.month_start_date = counts.month_start_date
            and role_families.role_family = counts.role_family
            and seniority_levels.seniority = counts.seniority
    where role_families.is_analysed

),

totals as (

    select
        grid.*,
        cast(
            sum(grid.openings_n) over (partition by grid.month_start_date, grid.role_family) as bigint
        ) as family_openings_n
    from grid

),

final as (

    select
        totals.month_start_date,
        totals.role_family,
        totals.seniority,
        totals.seniority_rank,
        totals.openings_n,
        totals.family_openings_n,
        {{ share_with_interval('totals.openings_n', 'totals.family_openings_n') }},
        totals.family_openings_n < {{ var('min_sample_n') }} as is_below_min_sample
    from totals

)

select * from final
