-- Per opening: first and last seen, and whether it is still open. An opening closes at the first
-- complete snapshot of its board (a whole-board ATS file, also an empty one) after it was last
-- seen; a failed fetch writes no file, so it never closes anything; seen again later = open.
-- Built from the versions' history (int_posting_versions), which already knows when each version
-- was first and last seen.
with

posting_versions as (

    select * from {{ ref('int_posting_versions') }}

),

snapshots as (

    select * from {{ ref('stg_ingest__snapshots') }}

),

seen as (

    -- Every version of an opening has one source and one board key (both are in its posting_id).
    select
        posting_versions.posting_id,
        {{ any_value('posting_versions.source') }} as source,
        {{ company_key(any_value('posting_versions.board')) }} as board_key,
        min(posting_versions.valid_from) as first_seen_at,
        max(posting_versions.last_seen_at) as last_seen_at,
        sum(posting_versions.sightings_n) as sightings_n
    from posting_versions
    group by posting_versions.posting_id

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
    inner join complete_snapshots
        on
            seen.source = complete_snapshots.source
            and seen.board_key = complete_snapshots.board_key
            and seen.last_seen_at < complete_snapshots.fetched_at
    group by seen.posting_id

),

final as (

    select
        seen.posting_id,
        seen.first_seen_at,
        seen.last_seen_at,
        seen.sightings_n,
        closings.closed_at,
        closings.closed_at is null as is_open,
        {{ dbt.datediff(
            'cast(seen.first_seen_at as date)',
            'cast(coalesce(closings.closed_at, seen.last_seen_at) as date)',
            'day'
        ) }} as days_open
    from seen
    left join closings
        on seen.posting_id = closings.posting_id

)

select * from final
