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
        {{ text_list_prepend(
            json_text('source.payload', '$.categories.location'),
            json_text_list('source.payload', '$.categories.allLocations')
        ) }} as location_list,
        -- Lever splits the ad into an intro, titled lists and a closing section: keep them all.
        concat_ws(
            chr(10),
            coalesce(
                {{ json_text('source.payload', '$.description') }},
                {{ json_text('source.payload', '$.descriptionPlain') }}
            ),
            {{ list_transform_join(
                json_array('source.payload', '$.lists'),
                'list_item',
                "'<h3>' || coalesce(" ~ json_text('list_item', '$.text') ~ ", '') || '</h3><ul>' || coalesce("
                ~ json_text('list_item', '$.content') ~ ", '') || '</ul>'",
                'chr(10)'
            ) }},
            coalesce(
                {{ json_text('source.payload', '$.additional') }},
                {{ json_text('source.payload', '$.additionalPlain') }}
            )
        ) as description_html,
        {{ epoch_ms_to_timestamp(json_text('source.payload', '$.createdAt')) }} as posted_at,
        source.fetched_at,
        source.loaded_at,
        {{ json_text('source.payload', '$.hostedUrl') }} as url,
        {{ json_text('source.payload', '$.categories.team') }} as department,
        {{ json_text('source.payload', '$.categories.commitment') }} as employment_type,
        {{ safe_cast_number(json_text('source.payload', '$.salaryRange.min'), type_double()) }} as salary_min,
        {{ safe_cast_number(json_text('source.payload', '$.salaryRange.max'), type_double()) }} as salary_max,
        upper({{ json_text('source.payload', '$.salaryRange.currency') }}) as salary_currency,
        {{ pay_interval_normalise(json_text('source.payload', '$.salaryRange.interval')) }} as salary_interval,
        -- Lever's public postings API has no update timestamp and no free-text pay field.
        cast(null as timestamp) as updated_at,
        cast(null as {{ dbt.type_string() }}) as salary_text
    from source

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
