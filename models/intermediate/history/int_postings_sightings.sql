-- Every time an opening was seen: in a snapshot that listed it (landed or an exact re-delivery),
-- as a landed version (at its fetched_at, also before ingest recorded snapshots), and when a
-- fetch confirmed its board's latest file was still current (fetch_log not_modified/unchanged).
with

unioned as (

    select * from {{ ref('int_postings_unioned') }}

),

snapshots as (

    select * from {{ ref('stg_ingest__snapshots') }}

),

sightings as (

    select * from {{ ref('stg_ingest__sightings') }}

),

fetch_log as (

    select * from {{ ref('stg_fetch__log') }}

),

in_snapshots as (

    select
        unioned.posting_id,
        unioned.raw_record_id,
        unioned.source,
        unioned.board,
        snapshots.snapshot_id,
        snapshots.fetched_at as seen_at,
        'snapshot' as sighting_kind
    from sightings
    inner join snapshots
        on sightings.snapshot_id = snapshots.snapshot_id
    inner join unioned
        on sightings.raw_record_id = unioned.raw_record_id

),

landed as (

    select
        unioned.posting_id,
        unioned.raw_record_id,
        unioned.source,
        unioned.board,
        cast(null as {{ dbt.type_string() }}) as snapshot_id,
        unioned.fetched_at as seen_at,
        'landed' as sighting_kind
    from unioned

),

confirmations as (

    -- The board's latest complete snapshot at the time of the confirming fetch.
    select
        fetch_log.fetch_id,
        fetch_log.finished_at,
        {{ arg_max('snapshots.snapshot_id', 'snapshots.fetched_at') }} as snapshot_id
    from fetch_log
    inner join snapshots
        on
            fetch_log.source = snapshots.source
            and {{ company_key('fetch_log.board') }} = {{ company_key('snapshots.board') }}
            and snapshots.is_complete
            and fetch_log.finished_at >= snapshots.fetched_at
    where fetch_log.status in ('not_modified', 'unchanged')
    group by fetch_log.fetch_id, fetch_log.finished_at

),

confirmed as (

    select
        in_snapshots.posting_id,
        in_snapshots.raw_record_id,
        in_snapshots.source,
        in_snapshots.board,
        in_snapshots.snapshot_id,
        confirmations.finished_at as seen_at,
        'fetch_confirmed' as sighting_kind
    from confirmations
    inner join in_snapshots
        on confirmations.snapshot_id = in_snapshots.snapshot_id

),

all_sightings as (

    select * from in_snapshots
    union all
    select * from landed
    union all
    select * from confirmed

),

ranked as (

    -- One row per opening and moment; a snapshot row wins over the landed row it explains.
    select
        all_sightings.*,
        row_number() over (
            partition by all_sightings.posting_id, all_sightings.seen_at
            order by
                case all_sightings.sighting_kind when 'snapshot' then 1 when 'landed' then 2 else 3 end,
                all_sightings.raw_record_id
        ) as moment_rank
    from all_sightings

),

final as (

    select
        ranked.posting_id,
        ranked.raw_record_id,
        ranked.source,
        ranked.board,
        ranked.snapshot_id,
        ranked.seen_at,
        ranked.sighting_kind,
        md5(ranked.posting_id || ':' || cast(ranked.seen_at as {{ dbt.type_string() }})) as sighting_id
    from ranked
    where ranked.moment_rank = 1

)

select * from final
