with

source as (

    select * from {{ source('greenhouse', 'postings') }}
    where {{ incremental_batches_filter() }}

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
        {{ text_list_prepend(json_text('source.payload', '$.location.name')) }} as location_list,
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
        cast(null as {{ dbt.type_string() }}) as employment_type,
        -- Greenhouse sends pay ranges, one per pay zone (stg_greenhouse__pay_ranges, every one, as
        -- sent): the salaries layer chooses the posting's zone; the one-range columns stay empty.
        cast(null as {{ type_double() }}) as salary_min,
        cast(null as {{ type_double() }}) as salary_max,
        cast(null as {{ dbt.type_string() }}) as salary_currency,
        cast(null as {{ dbt.type_string() }}) as salary_interval,
        cast(null as {{ dbt.type_string() }}) as salary_text
    from source

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
