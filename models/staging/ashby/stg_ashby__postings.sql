with

source as (

    select * from {{ source('ashby', 'postings') }}
    where {{ incremental_batches_filter() }}

),

salary_components as (

    -- Ashby lists several compensation components (salary, equity, bonus): keep the first salary one.
    select
        source.raw_record_id,
        {{ list_first_where(
            json_array('source.payload', '$.compensation.summaryComponents'),
            'component',
            json_text('component', '$.compensationType') ~ " = 'Salary'"
        ) }} as salary_component
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
        {{ text_list_prepend(
            json_text('source.payload', '$.location'),
            json_text_list('source.payload', '$.secondaryLocations', 'location')
        ) }} as location_list,
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
        {{ safe_cast_number(
            json_text('salary_components.salary_component', '$.minValue'), type_double()
        ) }} as salary_min,
        {{ safe_cast_number(
            json_text('salary_components.salary_component', '$.maxValue'), type_double()
        ) }} as salary_max,
        upper({{ json_text('salary_components.salary_component', '$.currencyCode') }}) as salary_currency,
        {{ pay_interval_normalise(json_text('salary_components.salary_component', '$.interval')) }}
            as salary_interval,
        -- Ashby's job board API has no update timestamp and no free-text pay field.
        cast(null as timestamp) as updated_at,
        cast(null as {{ dbt.type_string() }}) as salary_text
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
