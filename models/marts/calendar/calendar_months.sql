-- One row per calendar month of the analysis window in effect (int_analysis_window), so a month
-- with no postings still appears in the trend marts, with zeros.
with

analysis_window as (

    select * from {{ ref('int_analysis_window') }}

),

month_offsets as (

    -- 1..1200 (a century of months); dbt.generate_series, not dbt.date_spine: the window is data
    -- (chosen at run time), not a constant. trend_months_are_complete fails on a longer window.
    {{ dbt.generate_series(1200) }}

),

window_months as (

    select
        cast({{ dbt.date_trunc('month', 'analysis_window.window_start') }} as date) as first_month_date,
        {{ dbt.datediff(
            dbt.date_trunc('month', 'analysis_window.window_start'),
            dbt.date_trunc('month', 'analysis_window.window_end'),
            'month'
        ) }} + 1 as months_n
    from analysis_window

),

months as (

    select
        cast(
            {{ dbt.dateadd('month', 'month_offsets.generated_number - 1', 'window_months.first_month_date') }} as date
        ) as month_start_date,
        month_offsets.generated_number as month_index,
        window_months.months_n
    from window_months
    inner join month_offsets
        on window_months.months_n >= month_offsets.generated_number

),

final as (

    select
        months.month_start_date,
        {{ dbt.last_day('months.month_start_date', 'month') }} as month_end_date,
        cast(months.month_index as integer) as month_index,
        cast(months.months_n as integer) as window_months_n
    from months

)

select * from final
