with

skills_tagged as (

    select * from {{ ref('int_postings_skills_tagged') }}

),

final as (

    select
        skills_tagged.posting_id,
        skills_tagged.skill,
        skills_tagged.skill_category,
        skills_tagged.mentions_n
    from skills_tagged

)

select * from final
