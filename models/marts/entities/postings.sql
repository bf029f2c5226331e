with

classified as (

    select * from {{ ref('int_postings_classified') }}

),

roles_grouped as (

    select * from {{ ref('int_postings_roles_grouped') }}

),

salaries as (

    select * from {{ ref('int_postings_salaries_parsed') }}

),

lifecycle as (

    select * from {{ ref('int_postings_lifecycle') }}

),

final as (

    select
        classified.posting_id,
        classified.source,
        classified.source_job_id,
        classified.board,
        classified.company,
        classified.title,
        classified.location,
        classified.market,
        classified.markets,
        classified.country,
        classified.is_us_market,
        classified.posted_date,
        classified.role_family,
        classified.seniority,
        classified.industry,
        classified.is_startup,
        classified.is_known_company,
        classified.is_agency,
        classified.is_in_scope,
        classified.exclusion_reason,
        roles_grouped.role_id,
        classified.description_chars,
        {{ skills_excluded_reason('classified.description_chars') }} as skills_excluded_reason,
        classified.versions_n,
        lifecycle.first_seen_at,
        lifecycle.last_seen_at,
        lifecycle.is_open,
        lifecycle.closed_at,
        lifecycle.days_open,
        classified.url,
        salaries.salary_source,
        salaries.salary_currency,
        salaries.salary_interval,
        salaries.salary_min_annual,
        salaries.salary_max_annual,
        salaries.salary_min_usd,
        salaries.salary_max_usd,
        salaries.salary_rejected_reason
    from classified
    inner join roles_grouped
        on classified.posting_id = roles_grouped.posting_id
    left join salaries
        on classified.posting_id = salaries.posting_id
    left join lifecycle
        on classified.posting_id = lifecycle.posting_id

)

select * from final
