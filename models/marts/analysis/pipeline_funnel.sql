-- Where every raw record went. Each step is counted on its own, so the reconciliation tests
-- (raw = rejected + stored; stored = openings + re-fetch versions; openings = in scope +
-- exclusions; in scope = roles + location copies) can catch a lost or invented row.
with

batches as (

    select * from {{ ref('stg_ingest__batches') }}

),

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

step_catalog as (

    select
        step_values.step_order,
        step_values.step,
        step_values.step_description
    from (
        values
        (1, 'ingest_read', 'Records read by rolegap ingest (all committed batches)'),
        (2, 'ingest_duplicates', 'Exact re-deliveries (same source, board, payload hash): counted, not stored'),
        (3, 'raw_records', 'Records kept: landed or quarantined'),
        (4, 'rejected', 'Quarantined at ingest (raw.ingest_rejects), with file, line and reason'),
        (5, 'stored_versions', 'Landed payload versions (all raw.*_postings rows)'),
        (6, 'refetch_versions', 'Earlier versions of re-fetched postings, collapsed into their opening'),
        (7, 'openings', 'Distinct openings (one ATS posting id each)'),
        (8, 'excluded_agency', 'Recruitment-agency listings'),
        (9, 'excluded_out_of_scope_role', 'Not a data scientist or ML engineer role (analysts, interns, ...)'),
        (10, 'excluded_outside_window', 'Posted outside the analysis window (vars window_start..window_end)'),
        (11, 'excluded_outside_markets', 'Located outside the included markets'),
        (12, 'in_scope_openings', 'Openings in scope (volume, seniority and industry mixes)'),
        (13, 'roles', 'In-scope roles: one requisition posted in several places counts once'),
        (14, 'location_copies', 'Extra in-scope openings of a role posted in several places'),
        (15, 'skills_sample_roles', 'Roles with a description long enough to tag skills'),
        (16, 'salary_sample_roles', 'Roles with a USD range in a US market')
    ) as step_values (step_order, step, step_description)

),

counts as (

    select
        (select coalesce(sum(batches.read_n), 0) from batches) as ingest_read,
        (select coalesce(sum(batches.duplicate_n), 0) from batches) as ingest_duplicates,
        (select count(*) from rejects) as rejected,
        (select count(*) from unioned) as stored_versions,
        (select coalesce(sum(deduplicated.versions_n - 1), 0) from deduplicated) as refetch_versions,
        (select count(*) from deduplicated) as openings,
        (
            select count(*) from classified
            where classified.exclusion_reason = 'agency'
        ) as excluded_agency,
        (
            select count(*) from classified
            where classified.exclusion_reason = 'out_of_scope_role'
        ) as excluded_out_of_scope_role,
        (
            select count(*) from classified
            where classified.exclusion_reason = 'outside_window'
        ) as excluded_outside_window,
        (
            select count(*) from classified
            where classified.exclusion_reason = 'outside_markets'
        ) as excluded_outside_markets,
        (
            select count(*) from classified
            where classified.is_in_scope
        ) as in_scope_openings,
        (select count(*) from roles_aggregated) as roles_n,
        (select coalesce(sum(roles_aggregated.openings_n - 1), 0) from roles_aggregated) as location_copies,
        (
            select count(*) from roles_aggregated
            where roles_aggregated.is_in_skills_sample
        ) as skills_sample_roles,
        (
            select count(*) from roles_aggregated
            where roles_aggregated.is_in_salary_sample
        ) as salary_sample_roles

),

final as (

    select
        step_catalog.step_order,
        step_catalog.step,
        step_catalog.step_description,
        cast(case step_catalog.step
            when 'ingest_read' then counts.ingest_read
            when 'ingest_duplicates' then counts.ingest_duplicates
            when 'raw_records' then counts.rejected + counts.stored_versions
            when 'rejected' then counts.rejected
            when 'stored_versions' then counts.stored_versions
            when 'refetch_versions' then counts.refetch_versions
            when 'openings' then counts.openings
            when 'excluded_agency' then counts.excluded_agency
            when 'excluded_out_of_scope_role' then counts.excluded_out_of_scope_role
            when 'excluded_outside_window' then counts.excluded_outside_window
            when 'excluded_outside_markets' then counts.excluded_outside_markets
            when 'in_scope_openings' then counts.in_scope_openings
            when 'roles' then counts.roles_n
            when 'location_copies' then counts.location_copies
            when 'skills_sample_roles' then counts.skills_sample_roles
            when 'salary_sample_roles' then counts.salary_sample_roles
        end as bigint) as records_n
    from step_catalog
    cross join counts

)

select * from final
