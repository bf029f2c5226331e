with

source as (

    select * from {{ source('raw', 'greenhouse_postings') }}
    where {{ incremental_batches_filter() }}

),

pay_ranges as (

    -- A multi-zone posting lists one pay range per zone: keep the range whose title names the
    -- posting's location ("New York" for "New York, NY"), else the first one.
    select
        source.raw_record_id,
        coalesce(
            list_filter(
                json_extract(source.payload, '$.pay_input_ranges[*]'),
                lambda pay_range: contains(  -- noqa: RF03
                    lower(coalesce({{ json_text('source.payload', '$.location.name') }}, '')),
                    lower(nullif(trim(json_extract_string(pay_range, '$.title')), ''))  -- noqa: RF03
                )
            )[1],
            json_extract(source.payload, '$.pay_input_ranges[0]')
        ) as pay_range
    from source

),

parsed as (

    select
        source.raw_record_id,
        source.batch_id,
        source.source,
        source.board,
        {{ json_text('source.payload', '$.id') }} as source_job_id,
        source.board as company_name,
        {{ json_text('source.payload', '$.title') }} as title,
        {{ json_text('source.payload', '$.location.name') }} as location,
        [{{ json_text('source.payload', '$.location.name') }}] as location_list,
        -- Greenhouse's board API escapes the HTML once more: decode to HTML first.
        {{ html_unescape(json_text('source.payload', '$.content')) }} as description_html,
        {{ to_utc_timestamp(
            "coalesce(" ~ json_text('source.payload', '$.first_published') ~ ", "
            ~ json_text('source.payload', '$.updated_at') ~ ")"
        ) }} as posted_at,
        {{ to_utc_timestamp(json_text('source.payload', '$.updated_at')) }} as updated_at,
        source.fetched_at,
        source.loaded_at,
        {{ json_text('source.payload', '$.absolute_url') }} as url,
        {{ json_text('source.payload', '$.departments[0].name') }} as department,
        cast(null as varchar) as employment_type,
        try_cast({{ json_text('pay_ranges.pay_range', '$.min_cents') }} as double) / 100 as salary_min,
        try_cast({{ json_text('pay_ranges.pay_range', '$.max_cents') }} as double) / 100 as salary_max,
        upper({{ json_text('pay_ranges.pay_range', '$.currency_type') }}) as salary_currency,
        -- Greenhouse pay ranges carry no interval field: annual unless their label says hourly.
        case
            when pay_ranges.pay_range is null then null
            when lower(
                coalesce({{ json_text('pay_ranges.pay_range', '$.title') }}, '')
                || ' ' || coalesce({{ json_text('pay_ranges.pay_range', '$.blurb') }}, '')
            ) like '%hour%' then 'hour'
            else 'year'
        end as salary_interval,
        cast(null as varchar) as salary_text
    from source
    left join pay_ranges
        on source.raw_record_id = pay_ranges.raw_record_id

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
