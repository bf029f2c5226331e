-- One row per record a snapshot listed that was landed or was an exact re-delivery.
{% if source_relation_exists('ingest', 'sightings') %}
with

source as (

    select * from {{ source('ingest', 'sightings') }}

),

final as (

    select
        md5(source.snapshot_id || ':' || source.raw_record_id) as sighting_id,
        source.snapshot_id,
        source.raw_record_id
    from source

)

select * from final
{% else %}
-- raw.ingest_sightings not created yet: no rows.
    select
        cast(null as varchar) as sighting_id,
        cast(null as varchar) as snapshot_id,
        cast(null as varchar) as raw_record_id
    where false
{% endif %}
