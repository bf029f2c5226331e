-- Seniority mix of in-scope openings per month (of posted_date) × role family, every month of the
-- window and every level listed (zeros included); a share needs var('min_sample_n') openings.
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

levels as (

    select
        unnest(['junior', 'mid', 'senior', 'staff_principal', 'director_plus']) as seniority,
        unnest([1, 2, 3, 4, 5]) as seniority_rank

),

counts as (

    select
        cast(date_trunc('month', classified.posted_date) as date) as month_start_date,
        classified.role_family,
        classified.seniority,
        count(*) as openings_n
    from classified
    where classified.is_in_scope
    group by all

),

grid as (

    select
        calendar_months.month_start_date,
        families.role_family,
        levels.seniority,
        levels.seniority_rank,
        coalesce(counts.openings_n, 0) as openings_n
    from calendar_months
    cross join families
    cross join levels
    left join counts
        on
            calendar_months.month_start_date = counts.month_start_date
            and families.role_family = counts.role_family
            and levels.seniority = counts.seniority

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
