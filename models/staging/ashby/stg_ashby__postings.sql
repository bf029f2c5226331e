with

source as (

    select * from {{ source('ashby', 'postings') }}
    where {{ incremental_batches_filter() }}

),

salary_components as (

    -- Ashby lists several compensation components (salary, equity, bonus): keep the first salary one.
    select
        source.raw_record_id,
        list_filter(
            json_extract(source.payload, '$.compensation.summaryComponents[*]'),
            lambda component: json_extract_string(component, '$.compensationType') = 'Salary'  -- noqa: RF03
        )[1] as salary_component
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
        {{ json_text('source.payload', '$.location') }} as location,
        list_prepend(
            {{ json_text('source.payload', '$.location') }},
            coalesce(json_extract_string(source.payload, '$.secondaryLocations[*].location'), [])
        ) as location_list,
        coalesce(
            {{ json_text('source.payload', '$.descriptionHtml') }},
            {{ json_text('source.payload', '$.descriptionPlain') }}
        ) as description_html,
        {{ to_utc_timestamp(json_text('source.payload', '$.publishedAt')) }} as posted_at,
        source.fetched_at,
        source.loaded_at,
        {{ json_text('source.payload', '$.jobUrl') }} as url,
        {{ json_text('source.payload', '$.department') }} as department,
        {{ json_text('source.payload', '$.employmentType') }} as employment_type,
        try_cast(json_extract_string(salary_components.salary_component, '$.minValue') as double) as salary_min,
        try_cast(json_extract_string(salary_components.salary_component, '$.maxValue') as double) as salary_max,
        upper(json_extract_string(salary_components.salary_component, '$.currencyCode')) as salary_currency,
        {{ pay_interval_normalise("json_extract_string(salary_components.salary_component, '$.interval')") }}
            as salary_interval,
        -- Ashby's job board API has no update timestamp and no free-text pay field.
        cast(null as timestamp) as updated_at,
        cast(null as varchar) as salary_text
    from source
    left join salary_components
        on source.raw_record_id = salary_components.raw_record_id

),

final as (

    select
        {{ staging_posting_columns('parsed') }}
    from parsed

)

select * from final
