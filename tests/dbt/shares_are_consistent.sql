-- Internal consistency: shares in [0, 1], published only with n >= var('min_sample_n'),
-- mixes sum to 1 per role family, salary min <= max.
with

shares as (

    select
        'skill_gap.ds_share' as share_column,
        skill as row_key,
        ds_share as share,
        ds_sample_n as n
    from {{ ref('skill_gap') }}
    union all
    select
        'skill_gap.mle_share' as share_column,
        skill as row_key,
        mle_share as share,
        mle_sample_n as n
    from {{ ref('skill_gap') }}
    union all
    select
        'seniority_mix.share' as share_column,
        role_family || '/' || seniority as row_key,
        share,
        family_openings_n as n
    from {{ ref('seniority_mix') }}
    union all
    select
        'industry_mix.share' as share_column,
        role_family || '/' || industry as row_key,
        share,
        family_openings_n as n
    from {{ ref('industry_mix') }}
    union all
    select
        'role_volume.startup_share' as share_column,
        role_family as row_key,
        startup_share as share,
        openings_n as n
    from {{ ref('role_volume') }}

),

mix_sums as (

    select
        'seniority_mix' as mart,
        role_family,
        sum(share) as share_sum
    from {{ ref('seniority_mix') }}
    where share is not null
    group by role_family
    union all
    select
        'industry_mix' as mart,
        role_family,
        sum(share) as share_sum
    from {{ ref('industry_mix') }}
    where share is not null
    group by role_family

)

select
    share_column as what,
    row_key,
    'share outside [0, 1]: ' || share as problem
from shares
where share < 0 or share > 1
union all
select
    share_column as what,
    row_key,
    'share published with n = ' || n || ' below min_sample_n' as problem
from shares
where share is not null and n < {{ var('min_sample_n') }}
union all
select
    share_column as what,
    row_key,
    'share withheld although n = ' || n as problem
from shares
where share is null and n >= {{ var('min_sample_n') }}
union all
select
    mart as what,
    role_family as row_key,
    'mix sums to ' || share_sum || ', not 1' as problem
from mix_sums
where abs(share_sum - 1) > 1e-9
union all
select
    'postings.salary' as what,
    posting_id as row_key,
    'salary_min_annual > salary_max_annual' as problem
from {{ ref('postings') }}
where salary_min_annual > salary_max_annual
union all
select
    'salary_bands' as what,
    role_family as row_key,
    'min_p50_usd > max_p50_usd' as problem
from {{ ref('salary_bands') }}
where min_p50_usd > max_p50_usd
