-- depends_on: {{ ref('agency_cues') }}
-- Role family, seniority, agency, company attributes, window and scope for every opening.
with

deduplicated as {{ cte_inlined() }} (

    -- read again by each CTE below (titles, descriptions, the final join) for the columns it needs
    select * from {{ ref('int_postings_deduplicated') }}
    where {{ incremental_postings_filter() }}

),

located as (

    select * from {{ ref('int_postings_located') }}
    where {{ incremental_postings_filter() }}

),

role_family_rules as (

    select * from {{ ref('title_role_family_rules') }}

),

seniority_rules as (

    select * from {{ ref('title_seniority_rules') }}

),

recruitment_agencies as (

    select * from {{ ref('recruitment_agencies') }}

),

companies as (

    select * from {{ ref('int_companies_unioned') }}

),

analysis_window as (

    select * from {{ ref('int_analysis_window') }}

),

distinct_titles as (

    select distinct deduplicated.title
    from deduplicated

),

titles as (

    -- Title rules run once per distinct title as posted, not once per posting, on the title
    -- folded (lowercase, lookalike letters as the Latin ones they imitate).
    select
        distinct_titles.title,
        {{ title_fold_confusables('distinct_titles.title') }} as title_key
    from distinct_titles

),

role_families as (

    select
        titles.title,
        {{ arg_min('role_family_rules.role_family', 'role_family_rules.priority') }} as role_family
    from titles
    inner join role_family_rules
        on {{ regex_matches('titles.title_key', regex_pattern('role_family_rules.title_pattern')) }}
    group by titles.title

),

seniorities as (

    select
        titles.title,
        {{ arg_min('seniority_rules.seniority', 'seniority_rules.priority') }} as seniority
    from titles
    inner join seniority_rules
        on {{ regex_matches('titles.title_key', regex_pattern('seniority_rules.title_pattern')) }}
    group by titles.title

),

agency_seed_companies as (

    select distinct {{ company_key('recruitment_agencies.agency_name') }} as company_key
    from recruitment_agencies

),

descriptions_lowered as (

    -- lowercased once per posting, not once per cue
    select
        deduplicated.posting_id,
        lower(deduplicated.description_text) as description_lower
    from deduplicated
    where deduplicated.description_text is not null

),

agency_text_cues as (

    select descriptions_lowered.posting_id
    from descriptions_lowered
    where {{ agency_cue_matches('descriptions_lowered.description_lower') }}

),

company_match_keys as (

    -- A posting names its company by name (JSONL) or by board token (ATS files): both keys match,
    -- a name key before a board key when one company's board is another company's name.
    select
        companies.company_key as match_key,
        1 as match_rank,
        companies.company_key,
        companies.company_name,
        companies.industry,
        companies.is_startup
    from companies
    union all
    select
        {{ company_key('companies.board') }} as match_key,
        2 as match_rank,
        companies.company_key,
        companies.company_name,
        companies.industry,
        companies.is_startup
    from companies
    where {{ company_key('companies.board') }} != ''

),

ranked_company_match_keys as (

    select
        company_match_keys.match_key,
        company_match_keys.company_name,
        company_match_keys.industry,
        company_match_keys.is_startup,
        row_number() over (
            partition by company_match_keys.match_key
            order by company_match_keys.match_rank, company_match_keys.company_key
        ) as match_key_rank
    from company_match_keys

),

company_attributes as (

    select
        ranked_company_match_keys.match_key as company_key,
        ranked_company_match_keys.company_name as company_display_name,
        ranked_company_match_keys.industry,
        ranked_company_match_keys.is_startup
    from ranked_company_match_keys
    where ranked_company_match_keys.match_key_rank = 1

),

classified as (

    select
        deduplicated.*,
        located.markets,
        located.market,
        located.country,
        located.is_us_market,
        coalesce(company_attributes.company_display_name, deduplicated.company_name) as company,
        coalesce(role_families.role_family, 'other') as role_family,
        coalesce(seniorities.seniority, 'mid') as seniority,
        agency_seed_companies.company_key is not null as is_agency_company,
        agency_text_cues.posting_id is not null as has_agency_cue,
        -- Client cues only count for companies not in the company dimension: a known employer or
        -- consultancy writing "our client, a bank" is not a recruitment agency.
        agency_seed_companies.company_key is not null
        or (agency_text_cues.posting_id is not null and company_attributes.company_key is null) as is_agency,
        company_attributes.company_key is not null as is_known_company,
        coalesce(company_attributes.industry, 'unknown') as industry,
        coalesce(company_attributes.is_startup, false) as is_startup,
        coalesce(
            deduplicated.posted_date between analysis_window.window_start and analysis_window.window_end,
            false
        ) as is_in_window,
        coalesce(located.market in (
            {{ sql_list(var('included_markets')) }}
        ), false) as is_in_market
    from deduplicated
    left join located
        on deduplicated.posting_id = located.posting_id
    cross join analysis_window
    left join role_families
        on deduplicated.title = role_families.title
    left join seniorities
        on deduplicated.title = seniorities.title
    left join agency_seed_companies
        on deduplicated.company_key = agency_seed_companies.company_key
    left join agency_text_cues
        on deduplicated.posting_id = agency_text_cues.posting_id
    left join company_attributes
        on deduplicated.company_key = company_attributes.company_key

),

final as (

    select
        classified.*,
        case
            when classified.is_agency then 'agency'
            when classified.role_family = 'other' then 'out_of_scope_role'
            when not classified.is_in_window then 'outside_window'
            when not classified.is_in_market then 'outside_markets'
        end as exclusion_reason,
        not classified.is_agency
        and classified.role_family != 'other'
        and classified.is_in_window
        and classified.is_in_market as is_in_scope
    from classified

)

select * from final
