{{ config(unique_key=['raw_record_id', 'range_n']) }}

with

source as (

    select * from {{ source('greenhouse', 'postings') }}
    where {{ incremental_batches_filter() }}

),

pay_ranges as (

    -- One row per entry of pay_input_ranges (one per pay zone), with its position in the list.
    select
        source.raw_record_id,
        source.batch_id,
        {{ unnest_with_index(json_array('source.payload', '$.pay_input_ranges'), 'pay_range', 'range_n') }}
    from source

),

final as (

    select
        raw_record_id,
        batch_id,
        range_n,
        {{ safe_cast_number(json_text('pay_range', '$.min_cents'), type_double()) }} / 100 as salary_min,
        {{ safe_cast_number(json_text('pay_range', '$.max_cents'), type_double()) }} / 100 as salary_max,
        upper({{ json_text('pay_range', '$.currency_type') }}) as salary_currency,
        {{ json_text('pay_range', '$.title') }} as range_title,
        {{ json_text('pay_range', '$.blurb') }} as range_blurb
    from pay_ranges

)

select * from final
