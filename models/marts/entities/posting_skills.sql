-- The skill tags chosen by var skill_tag_source (rules, llm or union), named in skill_tag_source.
with

skills_tagged as (

    select * from {{ ref('int_postings_skills_chosen') }}

),

final as (

    select
        skills_tagged.posting_id,
        skills_tagged.skill,
        skills_tagged.skill_category,
        skills_tagged.mentions_n,
        skills_tagged.skill_tag_source
    from skills_tagged

)

select * from final
