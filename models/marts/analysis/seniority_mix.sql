-- Seniority mix of in-scope openings per role family (every level listed, zeros included).
with

classified as (

    select * from {{ ref('int_postings_classified') }}

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
        classified.role_family,
        classified.seniority,
        count(*) as openings_n
    from classified
    where classified.is_in_scope
    group by classified.role_family, classified.seniority

),

grid as (

    select
        families.role_family,
        levels.seniority,
        levels.seniority_rank,
        coalesce(counts.openings_n, 0) as openings_n
    from families
    cross join levels
    left join counts
        on
            families.role_family = counts.role_family
            and levels.seniority = counts.seniority

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
