-- Where every raw record went. Each step is counted on its own, so the reconciliation tests
-- (raw = rejected + stored; stored = openings + re-fetch versions; openings = in scope +
-- exclusions; in scope = roles + location copies) can catch a lost or invented row. The steps,
-- their order and descriptions are seed pipeline_funnel_steps; each is counted here.
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

postings as (

    select * from {{ ref('postings') }}

),

roles as (

    select * from {{ ref('roles') }}

),

pipeline_funnel_steps as (

    select * from {{ ref('pipeline_funnel_steps') }}

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
            select count(*) from postings
            where postings.exclusion_reason = 'agency'
        ) as excluded_agency,
        (
            select count(*) from postings
            where postings.exclusion_reason = 'out_of_scope_role'
        ) as excluded_out_of_scope_role,
        (
            select count(*) from postings
            where postings.exclusion_reason = 'outside_window'
        ) as excluded_outside_window,
        (
            select count(*) from postings
            where postings.exclusion_reason = 'outside_markets'
        ) as excluded_outside_markets,
        (
            select count(*) from postings
            where postings.is_in_scope
        ) as in_scope_openings,
        (select count(*) from roles) as roles_n,
        (select coalesce(sum(roles.openings_n - 1), 0) from roles) as location_copies,
        (
            select count(*) from roles
            where roles.is_in_skills_sample
        ) as skills_sample_roles,
        (
            select count(*) from roles
            where roles.is_in_salary_sample
        ) as salary_sample_roles

),

final as (

    select
        pipeline_funnel_steps.step_order,
        pipeline_funnel_steps.step,
        pipeline_funnel_steps.step_description,
        cast(case pipeline_funnel_steps.step
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
    from pipeline_funnel_steps
    cross join counts

)

select * from final
