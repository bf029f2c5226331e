-- One row per role in the skills sample and skill it mentions: a role mentions a skill when any of
-- its in-scope openings does (tags as var skill_tag_source chooses).
-- The numerator of every skill share (skill_gap and the trend marts).
with

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

postings_enriched as (

    select * from {{ ref('int_postings_enriched') }}

),

skills_tagged as (

    select * from {{ ref('int_postings_skills_chosen') }}

),

final as (

    select distinct
        roles_aggregated.role_id,
        roles_aggregated.role_family,
        skills_tagged.skill
    from roles_aggregated
    inner join postings_enriched
        on roles_aggregated.role_id = postings_enriched.role_id
    inner join skills_tagged
        on postings_enriched.posting_id = skills_tagged.posting_id
    where
        roles_aggregated.is_in_skills_sample
        and postings_enriched.is_in_scope

)

select * from final
