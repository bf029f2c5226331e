{{ config(severity='warn') }}
-- Warns (does not fail) when a share is withheld because its sample is below var('min_sample_n').
select
    'skill_gap' as mart,
    skill as row_key,
    least(ds_sample_n, mle_sample_n) as n
from {{ ref('skill_gap') }}
where is_below_min_sample
union all
select
    'seniority_mix' as mart,
    role_family as row_key,
    max(family_openings_n) as n
from {{ ref('seniority_mix') }}
where is_below_min_sample
group by role_family
union all
select
    'salary_bands' as mart,
    role_family as row_key,
    salary_sample_n as n
from {{ ref('salary_bands') }}
where is_below_min_sample
union all
select
    'industry_mix' as mart,
    role_family as row_key,
    max(family_openings_n) as n
from {{ ref('industry_mix') }}
where is_below_min_sample
group by role_family
union all
select
    'role_volume.startup_share' as mart,
    role_family as row_key,
    openings_n as n
from {{ ref('role_volume') }}
where openings_n < {{ var('min_sample_n') }}
