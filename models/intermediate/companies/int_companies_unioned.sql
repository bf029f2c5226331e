-- The company dimension: the registry of real companies (seed), overridden by ingested company
-- profiles. A profile wins over the registry; of several profiles the latest loaded wins.
with

company_registry as (

    select * from {{ ref('company_registry') }}

),

profiles as (

    select * from {{ ref('stg_company_profiles__profiles') }}

),

registry_companies as (

    select
        {{ company_key('company_registry.company') }} as company_key,
        company_registry.company as company_name,
        company_registry.industry,
        company_registry.is_startup,
        company_registry.hq,
        company_registry.ats,
        company_registry.board,
        'registry' as company_source,
        2 as source_rank,
        cast(null as timestamp) as loaded_at,
        cast(null as {{ dbt.type_string() }}) as file_path,
        cast(null as integer) as record_index
    from company_registry

),

profile_companies as (

    select
        {{ company_key('profiles.company_name') }} as company_key,
        profiles.company_name,
        profiles.industry,
        profiles.is_startup,
        profiles.hq,
        profiles.ats,
        profiles.board,
        'profile' as company_source,
        1 as source_rank,
        profiles.loaded_at,
        profiles.file_path,
        profiles.record_index
    from profiles

),

candidates as (

    select * from profile_companies
    union all
    select * from registry_companies

),

ranked as (

    select
        candidates.company_key,
        candidates.company_name,
        candidates.industry,
        candidates.is_startup,
        candidates.hq,
        candidates.ats,
        candidates.board,
        candidates.company_source,
        row_number() over (
            partition by candidates.company_key
            order by
                candidates.source_rank asc,
                candidates.loaded_at desc nulls last,
                candidates.file_path desc nulls last,
                candidates.record_index desc nulls last,
                candidates.company_name asc
        ) as company_rank
    from candidates
    where candidates.company_key != ''

),

final as (

    select
        ranked.company_key,
        ranked.company_name,
        ranked.industry,
        ranked.is_startup,
        ranked.hq,
        ranked.ats,
        ranked.board,
        ranked.company_source
    from ranked
    where ranked.company_rank = 1

)

select * from final
