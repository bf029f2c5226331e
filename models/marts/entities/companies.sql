with

classified as (

    select * from {{ ref('int_postings_classified') }}

),

final as (

    select
        classified.company_key,
        any_value(classified.company) as company,
        any_value(classified.industry) as industry,
        bool_or(classified.is_startup) as is_startup,
        bool_or(classified.is_known_company) as is_known_company,
        bool_or(classified.is_agency_company) as is_recruitment_agency,
        count(*) as openings_n,
        count(*) filter (where classified.is_in_scope) as in_scope_openings_n
    from classified
    group by classified.company_key

)

select * from final
