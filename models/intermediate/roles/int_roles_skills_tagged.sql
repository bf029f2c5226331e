-- One row per role in the skills sample and skill it mentions: a role mentions a skill when any of
-- its in-scope openings does (tags as var skill_tag_source chooses).
-- The numerator of every skill share (skill_gap and the trend marts).
with

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

roles_grouped as (

    select * from {{ ref('int_postings_roles_grouped') }}

),

classified as (

    select * from {{ ref('int_postings_classified') }}

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
    inner join roles_grouped
        on roles_aggregated.role_id = roles_grouped.role_id
    inner join classified
        on roles_grouped.posting_id = classified.posting_id
    inner join skills_tagged
        on roles_grouped.posting_id = skills_tagged.posting_id
    where
        roles_aggregated.is_in_skills_sample
        and classified.is_in_scope

)

select * from final
