-- Model name differs from the seed it publishes (seed `skills`): the relation is still marts.skills.
{{ config(alias="skills") }}

with

skills as (

    select * from {{ ref('skills') }}

),

final as (

    select
        skills.skill,
        skills.skill_category,
        skills.display_name,
        skills.description
    from skills

)

select * from final
