-- Per opening: first and last seen, and whether it is still open. An opening closes at the first
-- complete snapshot of its board (a whole-board ATS file, also an empty one) after it was last
-- seen; a failed fetch writes no file, so it never closes anything; seen again later = open.
with

deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}

),

sightings as (

    select * from {{ ref('int_postings_sightings') }}

),

snapshots as (

    select * from {{ ref('stg_ingest__snapshots') }}

),

seen as (

    select
        sightings.posting_id,
        min(sightings.seen_at) as first_seen_at,
        max(sightings.seen_at) as last_seen_at,
        count(*) as sightings_n
    from sightings
    group by sightings.posting_id

),

complete_snapshots as (

    select
        snapshots.source,
        {{ company_key('snapshots.board') }} as board_key,
        snapshots.fetched_at
    from snapshots
    where snapshots.is_complete

),

closings as (

    select
        seen.posting_id,
        min(complete_snapshots.fetched_at) as closed_at
    from seen
    inner join deduplicated
        on seen.posting_id = deduplicated.posting_id
    inner join complete_snapshots
        on
            deduplicated.source = complete_snapshots.source
            and {{ company_key('deduplicated.board') }} = complete_snapshots.board_key
            and seen.last_seen_at < complete_snapshots.fetched_at
    group by seen.posting_id

),

final as (

    select
        deduplicated.posting_id,
        seen.first_seen_at,
        seen.last_seen_at,
        seen.sightings_n,
        closings.closed_at,
        closings.closed_at is null as is_open,
        date_diff(
            'day', cast(seen.first_seen_at as date), cast(coalesce(closings.closed_at, seen.last_seen_at) as date)
        ) as days_open
    from deduplicated
    inner join seen
        on deduplicated.posting_id = seen.posting_id
    left join closings
        on deduplicated.posting_id = closings.posting_id

)

select * from final
