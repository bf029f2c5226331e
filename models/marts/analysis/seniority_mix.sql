-- Seniority mix of in-scope openings per role family (every level listed, zeros included).
with

postings as (

    select * from {{ ref('postings') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

seniority_levels as (

    select * from {{ ref('seniority_levels') }}

),

counts as (

    select
        postings.role_family,
        postings.seniority,
        count(*) as openings_n
    from postings
    where postings.is_in_scope
    group by postings.role_family, postings.seniority

),

grid as (

    select
        role_families.role_family,
        seniority_levels.seniority,
        seniority_levels.seniority_rank,
        coalesce(counts.openings_n, 0) as openings_n
    from role_families
    cross join seniority_levels
    left join counts
        on
            role_families.role_family = counts.role_family
            and seniority_levels.seniority = counts.seniority
    where role_families.is_analysed

),

final as (

    select
        grid.role_family,
        grid.seniority,
        grid.seniority_rank,
        grid.openings_n,
        cast(sum(grid.openings_n) over (partition by grid.role_family) as bigint) as family_openings_n,
        {{ share_with_interval('grid.openings_n', 'sum(grid.openings_n) over (partition by grid.role_family)') }},
        sum(grid.openings_n) over (partition by grid.role_family) < {{ var('min_sample_n') }}
            as is_below_min_sample
    from grid

)

select * from final
