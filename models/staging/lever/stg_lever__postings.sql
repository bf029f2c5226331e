with

source as (

    select * from {{ source('lever', 'postings') }}
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
        {{ json_text('source.payload', '$.text') }} as title,
        {{ json_text('source.payload', '$.categories.location') }} as location,
        list_prepend(
            {{ json_text('source.payload', '$.categories.location') }},
            coalesce(json_extract_string(source.payload, '$.categories.allLocations[*]'), [])
        ) as location_list,
        -- Lever splits the ad into an intro, titled lists and a closing section: keep them all.
        concat_ws(
            chr(10),
            coalesce(
                {{ json_text('source.payload', '$.description') }},
                {{ json_text('source.payload', '$.descriptionPlain') }}
            ),
            array_to_string(
                list_transform(
                    json_extract(source.payload, '$.lists[*]'),
                    lambda list_item: '<h3>'  -- noqa: RF03
                    || coalesce(json_extract_string(list_item, '$.text'), '')  -- noqa: RF03
                    || '</h3><ul>'
                    || coalesce(json_extract_string(list_item, '$.content'), '')  -- noqa: RF03
                    || '</ul>'
                ),
                chr(10)
            ),
            coalesce(
                {{ json_text('source.payload', '$.additional') }},
                {{ json_text('source.payload', '$.additionalPlain') }}
            )
        ) as description_html,
        to_timestamp(try_cast({{ json_text('source.payload', '$.createdAt') }} as bigint) / 1000)
        at time zone 'UTC' as posted_at,
        source.fetched_at,
        source.loaded_at,
        {{ json_text('source.payload', '$.hostedUrl') }} as url,
        {{ json_text('source.payload', '$.categories.team') }} as department,
        {{ json_text('source.payload', '$.categories.commitment') }} as employment_type,
        try_cast({{ json_text('source.payload', '$.salaryRange.min') }} as double) as salary_min,
        try_cast({{ json_text('source.payload', '$.salaryRange.max') }} as double) as salary_max,
        upper({{ json_text('source.payload', '$.salaryRange.currency') }}) as salary_currency,
        {{ pay_interval_normalise(json_text('source.payload', '$.salaryRange.interval')) }} as salary_interval,
        -- Lever's public postings API has no update timestamp and no free-text pay field.
        cast(null as timestamp) as updated_at,
        cast(null as varchar) as salary_text
    from source

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
