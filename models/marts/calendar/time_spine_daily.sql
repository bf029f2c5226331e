-- One row per day from var('time_spine_start') to var('time_spine_end'): the time spine MetricFlow
-- joins to (dbt's `time_spine` config in time_spine_daily.yml).
with

days as (

    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('time_spine_start') ~ "' as date)",
        dbt.dateadd('day', 1, "cast('" ~ var('time_spine_end') ~ "' as date)")
    ) }}

),

final as (

    select cast(days.date_day as date) as date_day
    from days

)

select * from final
