-- Industry mix of in-scope openings per role family (industry from the company dimension; unknown
-- when the company is not in it).
with

classified as (

    select * from {{ ref('int_postings_classified') }}

),

counts as (

    select
        classified.role_family,
        classified.industry,
        count(*) as openings_n
    from classified
    where classified.is_in_scope
    group by classified.role_family, classified.industry

),

final as (

    select
        counts.role_family,
        counts.industry,
        counts.openings_n,
        cast(sum(counts.openings_n) over (partition by counts.role_family) as bigint) as family_openings_n,
        {{ share_with_interval('counts.openings_n', 'sum(counts.openings_n) over (partition by counts.role_family)') }},
        sum(counts.openings_n) over (partition by counts.role_family) < {{ var('min_sample_n') }}
            as is_below_min_sample
    from counts

)

select * from final
