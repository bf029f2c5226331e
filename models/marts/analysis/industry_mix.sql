-- Industry mix of in-scope openings per role family (industry from the company dimension; unknown
-- when the company is not in it).
with

postings as (

    select * from {{ ref('postings') }}

),

counts as (

    select
        postings.role_family,
        postings.industry,
        count(*) as openings_n
    from postings
    where postings.is_in_scope
    group by postings.role_family, postings.industry

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
