with

source as (

    select * from {{ source('company_profiles', 'profiles') }}

),

final as (

    select
        source.raw_record_id as company_profile_id,
        source.batch_id,
        source.file_path,
        source.record_index,
        source.loaded_at,
        trim({{ json_text('source.payload', '$.company') }}) as company_name,
        {{ json_text('source.payload', '$.industry') }} as industry,
        cast({{ json_text('source.payload', '$.is_startup') }} as boolean) as is_startup,
        nullif(trim({{ json_text('source.payload', '$.hq') }}), '') as hq,
        nullif(lower(trim({{ json_text('source.payload', '$.ats') }})), '') as ats,
        nullif(trim({{ json_text('source.payload', '$.board') }}), '') as board
    from source

)

select * from final
