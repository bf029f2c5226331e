with

analysis_window as (

    select * from {{ ref('int_analysis_window') }}

),

final as (

    select
        analysis_window.window_start,
        analysis_window.window_end,
        analysis_window.chosen_by,
        analysis_window.latest_fetched_date
    from analysis_window

)

select * from final
