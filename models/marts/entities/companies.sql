with

postings_enriched as (

    select * from {{ ref('int_postings_enriched') }}

),

final as (

    select
        postings_enriched.company_key,
        {{ any_value('postings_enriched.company') }} as company,
        {{ any_value('postings_enriched.industry') }} as industry,
        bool_or(postings_enriched.is_startup) as is_startup,
        bool_or(postings_enriched.is_known_company) as is_known_company,
        bool_or(postings_enriched.is_agency_company) as is_recruitment_agency,
        count(*) as openings_n,
        count(*) filter (where postings_enriched.is_in_scope) as in_scope_openings_n
    from postings_enriched
    group by postings_enriched.company_key

)

select * from final
