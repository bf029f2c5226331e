-- In-scope openings rolled up into roles (requisitions), with the role's sample memberships.
-- Skills sample: the role has a description long enough to tag. Salary sample: the role has an
-- in-scope opening in a US market with an annual USD range; its range is the median posted
-- minimum and maximum over those openings (a role posted in New York and Denver at different
-- ranges counts once, at neither extreme). has_llm_answer: an opening's description has an LLM
-- answer (the skills sample of the llm and union tag sources).
with

postings_enriched as (

    select * from {{ ref('int_postings_enriched') }}

),

in_scope_openings as (

    select
        postings_enriched.role_id,
        postings_enriched.posting_id,
        postings_enriched.role_family,
        postings_enriched.seniority,
        postings_enriched.company,
        postings_enriched.title,
        postings_enriched.market,
        postings_enriched.posted_date,
        postings_enriched.description_chars,
        postings_enriched.salary_min_usd,
        postings_enriched.salary_max_usd,
        postings_enriched.has_us_salary,
        postings_enriched.has_llm_answer
    from postings_enriched
    where postings_enriched.is_in_scope

),

final as (

    select
        role_id,
        {{ any_value('role_family') }} as role_family,
        {{ any_value('seniority') }} as seniority,
        {{ any_value('company') }} as company,
        {{ any_value('title') }} as title,
        min(posting_id) as representative_posting_id,
        count(*) as openings_n,
        count(distinct market) as markets_n,
        min(posted_date) as first_posted_date,
        max(description_chars) as description_chars,
        max(description_chars) >= {{ var('min_description_chars') }} as is_in_skills_sample,
        {{ skills_excluded_reason('max(description_chars)') }} as skills_excluded_reason,
        bool_or(has_us_salary) as is_in_salary_sample,
        {{ median('case when has_us_salary then salary_min_usd end') }} as salary_min_usd,
        {{ median('case when has_us_salary then salary_max_usd end') }} as salary_max_usd,
        bool_or(has_llm_answer) as has_llm_answer
    from in_scope_openings
    group by role_id

)

select * from final
