-- Per role family × skill: the share in the first var('growth_period_months') months of the window
-- (early) vs the last as many (late), the change in points with a 95% Newcombe interval, and the
-- trend: growing / fading only when the interval excludes 0, flat otherwise, null below min sample.
with

skill_trends_monthly as (

    select * from {{ ref('skill_trends_monthly') }}

),

calendar_months as (

    select * from {{ ref('calendar_months') }}

),

periods as (

    select
        calendar_months.month_start_date,
        calendar_months.month_index <= {{ var('growth_period_months') }} as is_early,
        calendar_months.month_index > calendar_months.window_months_n - {{ var('growth_period_months') }}
            as is_late
    from calendar_months

),

period_bounds as (

    select
        min(periods.month_start_date) filter (where periods.is_early) as early_start_date,
        max(periods.month_start_date) filter (where periods.is_early) as early_last_month_date,
        min(periods.month_start_date) filter (where periods.is_late) as late_start_date,
        max(periods.month_start_date) filter (where periods.is_late) as late_last_month_date
    from periods

),

counts as (

    select
        skill_trends_monthly.role_family,
        skill_trends_monthly.skill,
        cast(sum(skill_trends_monthly.sample_n) filter (where periods.is_early) as bigint) as early_sample_n,
        cast(sum(skill_trends_monthly.roles_n) filter (where periods.is_early) as bigint) as early_roles_n,
        cast(sum(skill_trends_monthly.sample_n) filter (where periods.is_late) as bigint) as late_sample_n,
        cast(sum(skill_trends_monthly.roles_n) filter (where periods.is_late) as bigint) as late_roles_n
    from skill_trends_monthly
    inner join periods
        on skill_trends_monthly.month_start_date = periods.month_start_date
    group by skill_trends_monthly.role_family, skill_trends_monthly.skill

),

intervals as (

    select
        counts.*,
        {{ share_with_interval('counts.early_roles_n', 'counts.early_sample_n', 'early_') }},
        {{ share_with_interval('counts.late_roles_n', 'counts.late_sample_n', 'late_') }},
        least(counts.early_sample_n, counts.late_sample_n) < {{ var('min_sample_n') }} as is_below_min_sample
    from counts

),

changes as (

    select
        intervals.*,
        100 * (intervals.late_share - intervals.early_share) as change_pts,
        100 * {{ newcombe_lower(
            'intervals.late_share', 'intervals.late_share_lower', 'intervals.late_share_upper',
            'intervals.early_share', 'intervals.early_share_lower', 'intervals.early_share_upper'
        ) }} as change_lower_pts,
        100 * {{ newcombe_upper(
            'intervals.late_share', 'intervals.late_share_lower', 'intervals.late_share_upper',
            'intervals.early_share', 'intervals.early_share_lower', 'intervals.early_share_upper'
        ) }} as change_upper_pts
    from intervals

),

final as (

    select
        changes.role_family,
        changes.skill,
        period_bounds.early_start_date,
        {{ dbt.last_day('period_bounds.early_last_month_date', 'month') }} as early_end_date,
        period_bounds.late_start_date,
        {{ dbt.last_day('period_bounds.late_last_month_date', 'month') }} as late_end_date,
        changes.early_sample_n,
        changes.early_roles_n,
        changes.early_share,
        changes.early_share_lower,
        changes.early_share_upper,
        changes.late_sample_n,
        changes.late_roles_n,
        changes.late_share,
        changes.late_share_lower,
        changes.late_share_upper,
        changes.change_pts,
        changes.change_lower_pts,
        changes.change_upper_pts,
        changes.is_below_min_sample,
        case
            when changes.is_below_min_sample then null
            when changes.change_lower_pts > 0 then 'growing'
            when changes.change_upper_pts < 0 then 'fading'
            else 'flat'
        end as trend
    from changes
    cross join period_bounds

)

select * from final
