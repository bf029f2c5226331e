with

source as (

    select * from {{ source('jsonl', 'postings') }}
    where {{ incremental_batches_filter() }}

),

parsed as (

    select
        source.raw_record_id,
        source.batch_id,
        source.source,
        source.board,
        {{ json_text('source.payload', '$.source_job_id') }} as source_job_id,
        {{ json_text('source.payload', '$.company') }} as company_name,
        {{ json_text('source.payload', '$.title') }} as title,
        coalesce(
            {{ json_text('source.payload', '$.location') }},
            {{ json_text('source.payload', '$.locations[0]') }}
        ) as location,
        {{ text_list_prepend(
            json_text('source.payload', '$.location'),
            json_text_list('source.payload', '$.locations')
        ) }} as location_list,
        {{ json_text('source.payload', '$.description') }} as description_html,
        {{ to_utc_timestamp(json_text('source.payload', '$.posted_at')) }} as posted_at,
        source.fetched_at,
        source.loaded_at,
        {{ json_text('source.payload', '$.url') }} as url,
        {{ safe_cast_number(json_text('source.payload', '$.salary_min'), type_double()) }} as salary_min,
        {{ safe_cast_number(json_text('source.payload', '$.salary_max'), type_double()) }} as salary_max,
        upper({{ json_text('source.payload', '$.salary_currency') }}) as salary_currency,
        {{ pay_interval_normalise(json_text('source.payload', '$.salary_interval')) }} as salary_interval,
        {{ json_text('source.payload', '$.salary_text') }} as salary_text,
        cast(null as timestamp) as updated_at,
        cast(null as {{ dbt.type_string() }}) as department,
        cast(null as {{ dbt.type_string() }}) as employment_type
    from source

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
