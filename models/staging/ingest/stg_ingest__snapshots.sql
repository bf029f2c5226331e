-- One row per payload file `rolegap ingest` read (a snapshot of one board at fetched_at).
{% if source_relation_exists('ingest', 'snapshots') %}
with

source as (

    select * from {{ source('ingest', 'snapshots') }}

),

final as (

    select
        source.snapshot_id,
        source.batch_id,
        source.source,
        source.board,
        source.file_path,
        cast(source.fetched_at as timestamp) as fetched_at,
        cast(source.records_n as integer) as records_n,
        cast(source.is_complete as boolean) as is_complete,
        cast(source.loaded_at as timestamp) as loaded_at
    from source

)

select * from final
{% else %}
-- raw.ingest_snapshots not created yet (an ingest from before snapshots): no rows.
    select
        cast(null as varchar) as snapshot_id,
        cast(null as varchar) as batch_id,
        cast(null as varchar) as source,
        cast(null as varchar) as board,
        cast(null as varchar) as file_path,
        cast(null as timestamp) as fetched_at,
        cast(null as integer) as records_n,
        cast(null as boolean) as is_complete,
        cast(null as timestamp) as loaded_at
    where false
{% endif %}
