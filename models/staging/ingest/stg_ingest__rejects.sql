with

source as (

    select * from {{ source('raw', 'ingest_rejects') }}

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
        source.rejected_at
    from source

)

select * from final
