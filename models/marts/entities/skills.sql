with

skill_taxonomy as (

    select * from {{ ref('skill_taxonomy') }}

),

final as (

    select
        skill_taxonomy.skill,
        skill_taxonomy.skill_category,
        skill_taxonomy.display_name,
        skill_taxonomy.description
    from skill_taxonomy

)

select * from final
