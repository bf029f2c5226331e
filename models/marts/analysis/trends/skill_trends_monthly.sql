-- Skill shares per month × role family over the skills sample: a role counts in the month of its
-- first in-scope opening (roles.first_posted_date), so summed over the window the monthly n's are
-- skill_gap's. Each share has a 95% Wilson interval and is withheld below var('min_sample_n').
with

roles as (

    select * from {{ ref('roles') }}

),

roles_skills_tagged as (

    select * from {{ ref('int_roles_skills_tagged') }}

),

skills as (

    select * from {{ ref('skill_taxonomy') }}

),

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

sample_roles as (

    select
        roles.role_id,
        roles.role_family,
        cast(date_trunc('month', roles.first_posted_date) as date) as month_start_date
    from roles
    where roles.is_in_skills_sample

),

sample_sizes as (

    select
        sample_roles.month_start_date,
        sample_roles.role_family,
        count(*) as sample_n
    from sample_roles
    group by sample_roles.month_start_date, sample_roles.role_family

),

skill_counts as (

    select
        sample_roles.month_start_date,
        sample_roles.role_family,
        roles_skills_tagged.skill,
        count(*) as roles_n
    from roles_skills_tagged
    inner join sample_roles
        on roles_skills_tagged.role_id = sample_roles.role_id
    group by sample_roles.month_start_date, sample_roles.role_family, roles_skills_tagged.skill

),

grid as (

    select
        calendar_months.month_start_date,
        role_families.role_family,
        skills.skill,
        coalesce(sample_sizes.sample_n, 0) as sample_n,
        coalesce(skill_counts.roles_n, 0) as roles_n
    from calendar_months
    cross join role_families
    cross join skills
    left join sample_sizes
        on
            calendar_months.month_start_date = sample_sizes.month_start_date
            and role_families.role_family = sample_sizes.role_family
    left join skill_counts
        on
            calendar_months.month_start_date = skill_counts.month_start_date
            and role_families.role_family = skill_counts.role_family
            and skills.skill = skill_counts.skill
    where role_families.is_analysed

),

final as (

    select
        grid.month_start_date,
        grid.role_family,
        grid.skill,
        grid.sample_n,
        grid.roles_n,
        {{ share_with_interval('grid.roles_n', 'grid.sample_n') }},
        grid.sample_n < {{ var('min_sample_n') }} as is_below_min_sample
    from grid

)

select * from final
