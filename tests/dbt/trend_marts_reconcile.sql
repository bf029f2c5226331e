-- Reconciliation: summed over the window, the monthly counts equal the overall marts
-- (openings: role_volume and seniority_mix; skills: skill_gap's sample and role n's).
with

openings as (

    select
        role_family,
        sum(openings_n) as monthly_n
    from {{ ref('openings_monthly') }}
    group by role_family

),

seniority as (

    select
        role_family,
        seniority,
        sum(openings_n) as monthly_n
    from {{ ref('seniority_mix_monthly') }}
    group by role_family, seniority

),

skills as (

    select
        skill,
        sum(sample_n) filter (where role_family = 'data_scientist') as ds_sample_n,
        sum(roles_n) filter (where role_family = 'data_scientist') as ds_roles_n,
        sum(sample_n) filter (where role_family = 'ml_engineer') as mle_sample_n,
        sum(roles_n) filter (where role_family = 'ml_engineer') as mle_roles_n
    from {{ ref('skill_trends_monthly') }}
    group by skill

),

growth as (

    select
        role_family,
        skill,
        early_sample_n + late_sample_n as periods_sample_n,
        early_roles_n + late_roles_n as periods_roles_n
    from {{ ref('skill_growth') }}
    where early_end_date < late_start_date

),

skill_monthly as (

    select
        role_family,
        skill,
        sum(sample_n) as sample_n,
        sum(roles_n) as roles_n
    from {{ ref('skill_trends_monthly') }}
    group by role_family, skill

)

select
    'openings_monthly' as what,
    role_volume.role_family as row_key,
    'monthly openings sum to ' || coalesce(openings.monthly_n, 0) || ', role_volume has '
    || role_volume.openings_n as problem
from {{ ref('role_volume') }} as role_volume
left join openings
    on role_volume.role_family = openings.role_family
where coalesce(openings.monthly_n, 0) != role_volume.openings_n
union all
select
    'seniority_mix_monthly' as what,
    seniority_mix.role_family || '/' || seniority_mix.seniority as row_key,
    'monthly openings sum to ' || coalesce(seniority.monthly_n, 0) || ', seniority_mix has '
    || seniority_mix.openings_n as problem
from {{ ref('seniority_mix') }} as seniority_mix
left join seniority
    on
        seniority_mix.role_family = seniority.role_family
        and seniority_mix.seniority = seniority.seniority
where coalesce(seniority.monthly_n, 0) != seniority_mix.openings_n
union all
select
    'skill_trends_monthly' as what,
    skill_gap.skill as row_key,
    'monthly n''s sum to ds ' || coalesce(skills.ds_roles_n, 0) || '/' || coalesce(skills.ds_sample_n, 0)
    || ', mle ' || coalesce(skills.mle_roles_n, 0) || '/' || coalesce(skills.mle_sample_n, 0)
    || '; skill_gap has ds ' || skill_gap.ds_roles_n || '/' || skill_gap.ds_sample_n
    || ', mle ' || skill_gap.mle_roles_n || '/' || skill_gap.mle_sample_n as problem
from {{ ref('skill_gap') }} as skill_gap
left join skills
    on skill_gap.skill = skills.skill
where
    coalesce(skills.ds_sample_n, 0) != skill_gap.ds_sample_n
    or coalesce(skills.ds_roles_n, 0) != skill_gap.ds_roles_n
    or coalesce(skills.mle_sample_n, 0) != skill_gap.mle_sample_n
    or coalesce(skills.mle_roles_n, 0) != skill_gap.mle_roles_n
union all
select
    'skill_growth' as what,
    growth.role_family || '/' || growth.skill as row_key,
    'early + late n''s are ' || growth.periods_roles_n || '/' || growth.periods_sample_n
    || ', the window''s monthly sums ' || skill_monthly.roles_n || '/' || skill_monthly.sample_n as problem
from growth
inner join skill_monthly
    on
        growth.role_family = skill_monthly.role_family
        and growth.skill = skill_monthly.skill
where
    (
        select max(calendar_months.window_months_n) from {{ ref('calendar_months') }} as calendar_months
    ) = 2 * {{ var('growth_period_months') }}
    and (
        growth.periods_sample_n != skill_monthly.sample_n
        or growth.periods_roles_n != skill_monthly.roles_n
    )
