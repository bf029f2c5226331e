with

source as (

    select * from {{ source('ingest', 'batches') }}

),

final as (

    select
        source.batch_id,
        source.started_at,
        source.finished_at,
        source.paths,
        source.read_n,
        source.loaded_n,
        source.duplicate_n,
        source.rejected_n
    from source

)

select * from final
