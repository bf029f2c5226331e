-- Reconciliation: every raw record is accounted for, and no step loses or invents a row.
with

funnel as (

    select
        step,
        records_n
    from {{ ref('pipeline_funnel') }}

),

steps as (

    select
        max(records_n) filter (where step = 'ingest_read') as ingest_read,
        max(records_n) filter (where step = 'ingest_duplicates') as ingest_duplicates,
        max(records_n) filter (where step = 'raw_records') as raw_records,
        max(records_n) filter (where step = 'rejected') as rejected,
        max(records_n) filter (where step = 'stored_versions') as stored_versions,
        max(records_n) filter (where step = 'refetch_versions') as refetch_versions,
        max(records_n) filter (where step = 'openings') as openings,
        max(records_n) filter (where step = 'excluded_agency') as excluded_agency,
        max(records_n) filter (where step = 'excluded_out_of_scope_role') as excluded_out_of_scope_role,
        max(records_n) filter (where step = 'excluded_outside_window') as excluded_outside_window,
        max(records_n) filter (where step = 'excluded_outside_markets') as excluded_outside_markets,
        max(records_n) filter (where step = 'in_scope_openings') as in_scope_openings,
        max(records_n) filter (where step = 'roles') as roles,
        max(records_n) filter (where step = 'location_copies') as location_copies
    from funnel

),

identities as (

    select
        'raw records = rejected + re-fetch versions + openings' as identity_name,
        raw_records as left_side,
        rejected + refetch_versions + openings as right_side
    from steps
    union all
    select
        'records read at ingest = records kept + exact duplicates' as identity_name,
        ingest_read as left_side,
        raw_records + ingest_duplicates as right_side
    from steps
    union all
    select
        'rows landed = loaded_n of the ingest batches' as identity_name,
        stored_versions as left_side,
        (select coalesce(sum(batches.loaded_n), 0) from {{ ref('stg_ingest__batches') }} as batches) as right_side
    from steps
    union all
    select
        'rows quarantined = rejected_n of the ingest batches' as identity_name,
        rejected as left_side,
        (select coalesce(sum(batches.rejected_n), 0) from {{ ref('stg_ingest__batches') }} as batches) as right_side
    from steps
    union all
    select
        'stored versions = openings + re-fetch versions' as identity_name,
        stored_versions as left_side,
        openings + refetch_versions as right_side
    from steps
    union all
    select
        'openings = in scope + each exclusion reason' as identity_name,
        openings as left_side,
        in_scope_openings + excluded_agency + excluded_out_of_scope_role + excluded_outside_window
        + excluded_outside_markets as right_side
    from steps
    union all
    select
        'in-scope openings = roles + location copies' as identity_name,
        in_scope_openings as left_side,
        roles + location_copies as right_side
    from steps
    union all
    select
        'stored versions = rows in the raw landing tables' as identity_name,
        (
            (select count(*) from {{ ref('stg_greenhouse__postings') }})
            + (select count(*) from {{ ref('stg_lever__postings') }})
            + (select count(*) from {{ ref('stg_ashby__postings') }})
            + (select count(*) from {{ ref('stg_jsonl__postings') }})
        ) as left_side,
        stored_versions as right_side
    from steps

)

select
    identity_name,
    left_side,
    right_side,
    'reconciliation broken: ' || identity_name || ' ('
    || coalesce(cast(left_side as {{ dbt.type_string() }}), 'null') || ' vs '
    || coalesce(cast(right_side as {{ dbt.type_string() }}), 'null') || ')' as problem
from identities
where left_side is distinct from right_side
