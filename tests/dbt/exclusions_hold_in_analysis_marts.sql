-- Every analysis mart counts exactly the openings and roles that pass the exclusions, recounted
-- here independently from marts.postings with the rules spelled out.
with

postings as (

    select * from {{ ref('postings') }}

),

analysis_window as (

    select * from {{ ref('analysis_window') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

eligible as (

    select postings.*
    from postings
    cross join analysis_window
    where
        not postings.is_agency
        and postings.role_family in (
            select role_families.role_family from role_families
            where role_families.is_analysed
        )
        and postings.posted_date between analysis_window.window_start and analysis_window.window_end
        and postings.market in ({{ sql_list(var('included_markets')) }})

),

expected as (

    select
        role_family,
        count(*) as openings_n,
        count(distinct role_id) as roles_n
    from eligible
    group by role_family

),

checks as (

    select
        'role_volume.openings_n' as mart_column,
        role_volume.role_family,
        role_volume.openings_n as mart_value,
        expected.openings_n as expected_value
    from {{ ref('role_volume') }} as role_volume
    left join expected on role_volume.role_family = expected.role_family
    union all
    select
        'role_volume.roles_n' as mart_column,
        role_volume.role_family,
        role_volume.roles_n as mart_value,
        expected.roles_n as expected_value
    from {{ ref('role_volume') }} as role_volume
    left join expected on role_volume.role_family = expected.role_family
    union all
    select
        'seniority_mix.openings_n (sum)' as mart_column,
        seniority_mix.role_family,
        sum(seniority_mix.openings_n) as mart_value,
        {{ any_value('expected.openings_n') }} as expected_value
    from {{ ref('seniority_mix') }} as seniority_mix
    left join expected on seniority_mix.role_family = expected.role_family
    group by seniority_mix.role_family
    union all
    select
        'industry_mix.openings_n (sum)' as mart_column,
        industry_mix.role_family,
        sum(industry_mix.openings_n) as mart_value,
        {{ any_value('expected.openings_n') }} as expected_value
    from {{ ref('industry_mix') }} as industry_mix
    left join expected on industry_mix.role_family = expected.role_family
    group by industry_mix.role_family
    union all
    select
        'roles (count)' as mart_column,
        roles.role_family,
        count(*) as mart_value,
        {{ any_value('expected.roles_n') }} as expected_value
    from {{ ref('roles') }} as roles
    left join expected on roles.role_family = expected.role_family
    group by roles.role_family

)

select
    mart_column,
    role_family,
    mart_value,
    coalesce(expected_value, 0) as expected_value,
    mart_column || ' for ' || role_family || ' is ' || mart_value || ' but ' || coalesce(expected_value, 0)
    || ' openings/roles pass the exclusions' as problem
from checks
where mart_value != coalesce(expected_value, 0)
