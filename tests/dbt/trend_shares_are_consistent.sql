-- Trend marts: a skill_growth trend other than flat only when its Newcombe interval excludes 0,
-- and a trend exactly when neither period's n is below var('min_sample_n'). (Each share's own checks are the
-- generic test share_is_consistent on the trend marts' share columns.)
select
    'skill_growth' as what,
    role_family || '/' || skill as row_key,
    'trend ' || coalesce(trend, 'null') || ' with change interval ['
    || coalesce(cast(change_lower_pts as {{ dbt.type_string() }}), 'null')
    || ', ' || coalesce(cast(change_upper_pts as {{ dbt.type_string() }}), 'null') || ']' as problem
from {{ ref('skill_growth') }}
where
    (trend = 'growing' and not change_lower_pts > 0)
    or (trend = 'fading' and not change_upper_pts < 0)
    or (trend = 'flat' and (change_lower_pts > 0 or change_upper_pts < 0))
    or ((trend is null) != is_below_min_sample)
