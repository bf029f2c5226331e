-- Every landed version of every opening, with when it was first and last seen and when the next
-- version replaced it (a type-2 history: valid_from .. valid_to, is_current).
with

unioned as (

    select * from {{ ref('int_postings_unioned') }}

),

sightings as (

    select * from {{ ref('int_postings_sightings') }}

),

seen as (

    select
        sightings.raw_record_id,
        min(sightings.seen_at) as first_seen_at,
        max(sightings.seen_at) as last_seen_at,
        count(*) as sightings_n
    from sightings
    group by sightings.raw_record_id

),

versions as (

    select
        unioned.raw_record_id,
        unioned.posting_id,
        unioned.source,
        unioned.board,
        unioned.source_job_id,
        unioned.title,
        unioned.location,
        unioned.fetched_at,
        coalesce(seen.first_seen_at, unioned.fetched_at) as valid_from,
        coalesce(seen.last_seen_at, unioned.fetched_at) as last_seen_at,
        coalesce(seen.sightings_n, 0) as sightings_n
    from unioned
    left join seen
        on unioned.raw_record_id = seen.raw_record_id

),

sequenced as (

    select
        versions.raw_record_id,
        versions.posting_id,
        versions.source,
        versions.board,
        versions.source_job_id,
        versions.title,
        versions.location,
        versions.valid_from,
        versions.last_seen_at,
        versions.sightings_n,
        row_number() over (
            partition by versions.posting_id order by versions.valid_from, versions.raw_record_id
        ) as version_n,
        lead(versions.valid_from) over (
            partition by versions.posting_id order by versions.valid_from, versions.raw_record_id
        ) as valid_to
    from versions

),

final as (

    select
        sequenced.*,
        sequenced.valid_to is null as is_current
    from sequenced

)

select * from final
