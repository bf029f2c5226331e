-- The posting grain: one row per opening with everything known about it, joined once.
-- Classification, scope and role (int_postings_roles_grouped: int_postings_classified with its
-- role_id; read only through it, so the classification is not joined twice), its
-- pay (int_postings_salaries_parsed), its open / close history (int_postings_lifecycle) and
-- whether the LLM tagger answered its description (int_postings_llm_answered). marts.postings
-- publishes it; roles (int_roles_aggregated) and the skill numerators are built from it.
with

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
        roles_grouped.posting_id,
        roles_grouped.source,
        roles_grouped.source_job_id,
        roles_grouped.board,
        roles_grouped.company_key,
        roles_grouped.company,
        roles_grouped.title,
        roles_grouped.location,
        roles_grouped.market,
        roles_grouped.markets,
        roles_grouped.country,
        roles_grouped.is_us_market,
        roles_grouped.posted_date,
        roles_grouped.role_family,
        roles_grouped.seniority,
        roles_grouped.industry,
        roles_grouped.is_startup,
        roles_grouped.is_known_company,
        roles_grouped.is_agency_company,
        roles_grouped.is_agency,
        roles_grouped.is_in_scope,
        roles_grouped.exclusion_reason,
        roles_grouped.role_id,
        roles_grouped.description_chars,
        {{ skills_excluded_reason('roles_grouped.description_chars') }} as skills_excluded_reason,
        roles_grouped.versions_n,
        lifecycle.first_seen_at,
        lifecycle.last_seen_at,
        lifecycle.is_open,
        lifecycle.closed_at,
        lifecycle.days_open,
        roles_grouped.url,
        salaries.salary_source,
        salaries.salary_currency,
        salaries.salary_interval,
        salaries.salary_min_annual,
        salaries.salary_max_annual,
        salaries.salary_min_usd,
        salaries.salary_max_usd,
        salaries.salary_rejected_reason,
        roles_grouped.is_us_market
        and salaries.salary_min_usd is not null
        and salaries.salary_max_usd is not null as has_us_salary,
        llm_answered.posting_id is not null as has_llm_answer
    from roles_grouped
    left join salaries
        on roles_grouped.posting_id = salaries.posting_id
    left join lifecycle
        on roles_grouped.posting_id = lifecycle.posting_id
    left join llm_answered
        on roles_grouped.posting_id = llm_answered.posting_id

)

select * from final
