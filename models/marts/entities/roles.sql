with

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

final as (

    select
        roles_aggregated.role_id,
        roles_aggregated.role_family,
        roles_aggregated.seniority,
        roles_aggregated.company,
        roles_aggregated.title,
        roles_aggregated.representative_posting_id,
        roles_aggregated.openings_n,
        roles_aggregated.markets_n,
        roles_aggregated.first_posted_date,
        roles_aggregated.description_chars,
        roles_aggregated.is_in_skills_sample,
        roles_aggregated.skills_excluded_reason,
        roles_aggregated.is_in_salary_sample,
        roles_aggregated.salary_min_usd,
        roles_aggregated.salary_max_usd
    from roles_aggregated

)

select * from final
