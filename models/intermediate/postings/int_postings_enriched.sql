-- The posting grain: one row per opening with everything known about it, joined once.
-- Classification and scope (int_postings_classified), its role (int_postings_roles_grouped), its
-- pay (int_postings_salaries_parsed), its open / close history (int_postings_lifecycle) and
-- whether the LLM tagger answered its description (int_postings_llm_answered). marts.postings
-- publishes it; roles (int_roles_aggregated) and the skill numerators are built from it.
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

llm_answered as (

    select * from {{ ref('int_postings_llm_answered') }}

),

final as (

    select
        classified.posting_id,
        classified.source,
        classified.source_job_id,
        classified.board,
        classified.company_key,
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
        classified.is_agency_company,
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
        salaries.salary_rejected_reason,
        classified.is_us_market
        and salaries.salary_min_usd is not null
        and salaries.salary_max_usd is not null as has_us_salary,
        llm_answered.posting_id is not null as has_llm_answer
    from classified
    inner join roles_grouped
        on classified.posting_id = roles_grouped.posting_id
    left join salaries
        on classified.posting_id = salaries.posting_id
    left join lifecycle
        on classified.posting_id = lifecycle.posting_id
    left join llm_answered
        on classified.posting_id = llm_answered.posting_id

)

select * from final
