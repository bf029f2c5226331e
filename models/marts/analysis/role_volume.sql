-- Volume per role family: in-scope openings, roles, both samples, and the startup share of openings.
with

postings as (

    select * from {{ ref('postings') }}

),

roles as (

    select * from {{ ref('roles') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

openings as (

    select
        postings.role_family,
        count(*) as openings_n,
        count(*) filter (where postings.is_startup) as startup_openings_n
    from postings
    where postings.is_in_scope
    group by postings.role_family

),

role_counts as (

    select
        roles.role_family,
        count(*) as roles_n,
        count(*) filter (where roles.is_in_skills_sample) as skills_sample_n,
        count(*) filter (where roles.is_in_salary_sample) as salary_sample_n
    from roles
    group by roles.role_family

),

final as (

    select
        role_families.role_family,
        coalesce(openings.openings_n, 0) as openings_n,
        coalesce(role_counts.roles_n, 0) as roles_n,
        coalesce(role_counts.skills_sample_n, 0) as skills_sample_n,
        coalesce(role_counts.salary_sample_n, 0) as salary_sample_n,
        coalesce(openings.startup_openings_n, 0) as startup_openings_n,
        {{ share_with_interval(
            'coalesce(openings.startup_openings_n, 0)', 'coalesce(openings.openings_n, 0)', 'startup_'
        ) }}
    from role_families
    left join openings
        on role_families.role_family = openings.role_family
    left join role_counts
        on role_families.role_family = role_counts.role_family
    where role_families.is_analysed

)

select * from final
