-- One row per calendar month of the analysis window in effect (int_analysis_window), so a month
-- with no postings still appears in the trend marts, with zeros.
with

analysis_window as (

    select * from {{ ref('int_analysis_window') }}

),

months as (

    -- generate_series, not dbt.date_spine: the window is data (chosen at run time), not a constant.
    select
        unnest(
            generate_series(
                date_trunc('month', analysis_window.window_start),
                date_trunc('month', analysis_window.window_end),
                interval 1 month
            )
        ) as month_start_at
    from analysis_window

),

final as (

    select
        cast(months.month_start_at as date) as month_start_date,
        cast(months.month_start_at + interval 1 month - interval 1 day as date) as month_end_date,
        cast(row_number() over (order by months.month_start_at) as integer) as month_index,
        cast(count(*) over () as integer) as window_months_n
    from months

)

select * from final
