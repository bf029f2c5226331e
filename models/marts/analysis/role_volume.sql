-- Volume per role family: in-scope openings, roles, both samples, and the startup share of openings.
with

classified as (

    select * from {{ ref('int_postings_classified') }}

),

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

families as (

    select unnest(['data_scientist', 'ml_engineer']) as role_family

),

openings as (

    select
        classified.role_family,
        count(*) as openings_n,
        count(*) filter (where classified.is_startup) as startup_openings_n
    from classified
    where classified.is_in_scope
    group by classified.role_family

),

roles as (

    select
        roles_aggregated.role_family,
        count(*) as roles_n,
        count(*) filter (where roles_aggregated.is_in_skills_sample) as skills_sample_n,
        count(*) filter (where roles_aggregated.is_in_salary_sample) as salary_sample_n
    from roles_aggregated
    group by roles_aggregated.role_family

),

final as (

    select
        families.role_family,
        coalesce(openings.openings_n, 0) as openings_n,
        coalesce(roles.roles_n, 0) as roles_n,
        coalesce(roles.skills_sample_n, 0) as skills_sample_n,
        coalesce(roles.salary_sample_n, 0) as salary_sample_n,
        coalesce(openings.startup_openings_n, 0) as startup_openings_n,
        {{ share_with_interval(
            'coalesce(openings.startup_openings_n, 0)', 'coalesce(openings.openings_n, 0)', 'startup_'
        ) }}
    from families
    left join openings
        on families.role_family = openings.role_family
    left join roles
        on families.role_family = roles.role_family

)

select * from final
