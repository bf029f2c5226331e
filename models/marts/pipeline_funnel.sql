-- Where every raw record went. Each step is counted on its own, so the reconciliation tests
-- (raw = rejected + stored; stored = openings + re-fetch versions; openings = in scope +
-- exclusions; in scope = roles + location copies) can catch a lost or invented row.
with

rejects as (

    select * from {{ ref('stg_ingest__rejects') }}

),

unioned as (

    select * from {{ ref('int_postings_unioned') }}

),

deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}

),

classified as (

    select * from {{ ref('int_postings_classified') }}

),

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

steps as (

    select 1 as step_order, 'raw_records' as step, 'Records read at ingest and kept (landed or quarantined)' as step_description,
        (select count(*) from unioned) + (select count(*) from rejects) as records_n
    union all
    select 2, 'rejected', 'Quarantined at ingest (raw.ingest_rejects), with file, line and reason', (select count(*) from rejects)
    union all
    select 3, 'stored_versions', 'Landed payload versions (all raw.*_postings rows)', (select count(*) from unioned)
    union all
    select 4, 'refetch_versions', 'Earlier versions of re-fetched postings, collapsed into their opening',
        (select coalesce(sum(versions_n - 1), 0) from deduplicated)
    union all
    select 5, 'openings', 'Distinct openings (one ATS posting id each)', (select count(*) from deduplicated)
    union all
    select 6, 'excluded_agency', 'Recruitment-agency listings',
        (select count(*) from classified where exclusion_reason = 'agency')
    union all
    select 7, 'excluded_out_of_scope_role', 'Not a data scientist or ML engineer role (analysts, interns, ...)',
        (select count(*) from classified where exclusion_reason = 'out_of_scope_role')
    union all
    select 8, 'excluded_outside_window', 'Posted outside {{ var("window_start") }}..{{ var("window_end") }}',
        (select count(*) from classified where exclusion_reason = 'outside_window')
    union all
    select 9, 'excluded_outside_markets', 'Located outside the included markets',
        (select count(*) from classified where exclusion_reason = 'outside_markets')
    union all
    select 10, 'in_scope_openings', 'Openings in scope (volume, seniority and industry mixes)',
        (select count(*) from classified where is_in_scope)
    union all
    select 11, 'roles', 'In-scope roles: one requisition posted in several places counts once',
        (select count(*) from roles_aggregated)
    union all
    select 12, 'location_copies', 'Extra in-scope openings of a role posted in several places',
        (select coalesce(sum(openings_n - 1), 0) from roles_aggregated)
    union all
    select 13, 'skills_sample_roles', 'Roles with a description long enough to tag skills',
        (select count(*) from roles_aggregated where is_in_skills_sample)
    union all
    select 14, 'salary_sample_roles', 'Roles with a USD range in a US market',
        (select count(*) from roles_aggregated where is_in_salary_sample)

),

final as (

    select
        steps.step_order,
        steps.step,
        steps.step_description,
        cast(steps.records_n as bigint) as records_n
    from steps

)

select * from final
