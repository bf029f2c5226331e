with

source as (

    select * from {{ source('ingest', 'rejects') }}

),

final as (

    select
        source.batch_id,
        source.source,
        source.file_path,
        source.record_index,
        source.field,
        source.reason,
        source.raw_text,
        source.rejected_at,
        md5(concat_ws(
            '|',
            source.batch_id,
            source.file_path,
            cast(source.record_index as {{ dbt.type_string() }}),
            source.field,
            source.reason
        )) as reject_id
    from source

)

select * from final
