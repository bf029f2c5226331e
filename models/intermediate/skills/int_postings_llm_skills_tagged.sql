-- One row per (opening, skill) its LLM answer names, with the evidence span quoted. A skill since
-- removed from the taxonomy seed is left out (the answer predates the removal).
with

llm_answered as (

    select * from {{ ref('int_postings_llm_answered') }}

),

llm_skill_tags as (

    select * from {{ ref('stg_llm__skill_tags') }}

),

skills as (

    select * from {{ ref('skill_taxonomy') }}

),

final as (

    select
        llm_answered.posting_id,
        llm_skill_tags.skill,
        skills.skill_category,
        llm_skill_tags.evidence_span,
        llm_answered.answer_id,
        llm_answered.model
    from llm_answered
    inner join llm_skill_tags
        on llm_answered.answer_id = llm_skill_tags.answer_id
    inner join skills
        on llm_skill_tags.skill = skills.skill

)

select * from final
