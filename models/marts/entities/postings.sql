with

postings_enriched as (

    select * from {{ ref('int_postings_enriched') }}

),

final as (

    select
        postings_enriched.posting_id,
        postings_enriched.source,
        postings_enriched.source_job_id,
        postings_enriched.board,
        postings_enriched.company,
        postings_enriched.title,
        postings_enriched.location,
        postings_enriched.market,
        postings_enriched.markets,
        postings_enriched.country,
        postings_enriched.is_us_market,
        postings_enriched.posted_date,
        postings_enriched.role_family,
        postings_enriched.seniority,
        postings_enriched.industry,
        postings_enriched.is_startup,
        postings_enriched.is_known_company,
        postings_enriched.is_agency,
        postings_enriched.is_in_scope,
        postings_enriched.exclusion_reason,
        postings_enriched.role_id,
        postings_enriched.description_chars,
        postings_enriched.skills_excluded_reason,
        postings_enriched.versions_n,
        postings_enriched.first_seen_at,
        postings_enriched.last_seen_at,
        postings_enriched.is_open,
        postings_enriched.closed_at,
        postings_enriched.days_open,
        postings_enriched.url,
        postings_enriched.salary_source,
        postings_enriched.salary_currency,
        postings_enriched.salary_interval,
        postings_enriched.salary_min_annual,
        postings_enriched.salary_max_annual,
        postings_enriched.salary_min_usd,
        postings_enriched.salary_max_usd,
        postings_enriched.salary_rejected_reason
    from postings_enriched

)

select * from final
