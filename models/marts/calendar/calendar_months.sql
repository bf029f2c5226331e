-- One row per calendar month of the analysis window (vars window_start..window_end), so a month
-- with no postings still appears in the trend marts, with zeros.
with

months as (

    {{ dbt.date_spine(
        'month',
        "date_trunc('month', cast('" ~ var('window_start') ~ "' as date))",
        "(date_trunc('month', cast('" ~ var('window_end') ~ "' as date)) + interval 1 month)"
    ) }}

),

final as (

    select
        cast(months.date_month as date) as month_start_date,
        cast(months.date_month + interval 1 month - interval 1 day as date) as month_end_date,
        cast(row_number() over (order by months.date_month) as integer) as month_index,
        cast(count(*) over () as integer) as window_months_n
    from months

)

select * from final
