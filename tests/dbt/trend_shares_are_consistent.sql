-- Trend marts: shares in [0, 1], inside their Wilson interval, published exactly when n >= var('min_sample_n');
-- a skill_growth trend other than flat only when its Newcombe interval excludes 0.
with

shares as (

    select
        'skill_trends_monthly' as mart,
        month_start_date || '/' || role_family || '/' || skill as row_key,
        share,
        share_lower,
        share_upper,
        sample_n as n
    from {{ ref('skill_trends_monthly') }}
    union all
    select
        'seniority_mix_monthly' as mart,
        month_start_date || '/' || role_family || '/' || seniority as row_key,
        share,
        share_lower,
        share_upper,
        family_openings_n as n
    from {{ ref('seniority_mix_monthly') }}
    union all
    select
        'skill_growth.early_share' as mart,
        role_family || '/' || skill as row_key,
        early_share as share,
        early_share_lower as share_lower,
        early_share_upper as share_upper,
        early_sample_n as n
    from {{ ref('skill_growth') }}
    union all
    select
        'skill_growth.late_share' as mart,
        role_family || '/' || skill as row_key,
        late_share as share,
        late_share_lower as share_lower,
        late_share_upper as share_upper,
        late_sample_n as n
    from {{ ref('skill_growth') }}

)

select
    mart as what,
    row_key,
    'share outside [0, 1]: ' || share as problem
from shares
where share < 0 or share > 1
union all
select
    mart as what,
    row_key,
    'share ' || share || ' outside its interval [' || share_lower || ', ' || share_upper || ']' as problem
from shares
where share < share_lower - 1e-12 or share > share_upper + 1e-12
union all
select
    mart as what,
    row_key,
    'share published with n = ' || n || ' below min_sample_n' as problem
from shares
where share is not null and n < {{ var('min_sample_n') }}
union all
select
    mart as what,
    row_key,
    'share withheld although n = ' || n as problem
from shares
where share is null and n >= {{ var('min_sample_n') }}
union all
select
    'skill_growth' as what,
    role_family || '/' || skill as row_key,
    'trend ' || coalesce(trend, 'null') || ' with change interval [' || coalesce(change_lower_pts::varchar, 'null')
    || ', ' || coalesce(change_upper_pts::varchar, 'null') || ']' as problem
from {{ ref('skill_growth') }}
where
    (trend = 'growing' and not change_lower_pts > 0)
    or (trend = 'fading' and not change_upper_pts < 0)
    or (trend = 'flat' and (change_lower_pts > 0 or change_upper_pts < 0))
    or ((trend is null) != is_below_min_sample)
