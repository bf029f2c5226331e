-- In-scope openings rolled up into roles (requisitions), with the role's sample memberships.
-- Skills sample: the role has a description long enough to tag. Salary sample: the role has an
-- in-scope opening in a US market with an annual USD range; its range is the median posted
-- minimum and maximum over those openings (a role posted in New York and Denver at different
-- ranges counts once, at neither extreme).
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

in_scope_openings as (

    select
        roles_grouped.role_id,
        classified.posting_id,
        classified.role_family,
        classified.seniority,
        classified.company,
        classified.title,
        classified.market,
        classified.posted_date,
        classified.description_chars,
        salaries.salary_min_usd,
        salaries.salary_max_usd,
        classified.is_us_market
        and salaries.salary_min_usd is not null
        and salaries.salary_max_usd is not null as has_us_salary
    from classified
    inner join roles_grouped
        on classified.posting_id = roles_grouped.posting_id
    left join salaries
        on classified.posting_id = salaries.posting_id
    where classified.is_in_scope

),

final as (

    select
        role_id,
        any_value(role_family) as role_family,
        any_value(seniority) as seniority,
        any_value(company) as company,
        any_value(title) as title,
        min(posting_id) as representative_posting_id,
        count(*) as openings_n,
        count(distinct market) as markets_n,
        min(posted_date) as first_posted_date,
        max(description_chars) as description_chars,
        max(description_chars) >= {{ var('min_description_chars') }} as is_in_skills_sample,
        {{ skills_excluded_reason('max(description_chars)') }} as skills_excluded_reason,
        bool_or(has_us_salary) as is_in_salary_sample,
        median(salary_min_usd) filter (where has_us_salary) as salary_min_usd,
        median(salary_max_usd) filter (where has_us_salary) as salary_max_usd
    from in_scope_openings
    group by role_id

)

select * from final
