-- Each (opening, skill) one tagger found and the other did not, on the openings the LLM answered,
-- with the evidence: the LLM's quoted span, or the rule tagger's first match as written.
with

llm_answered as (

    select * from {{ ref('int_postings_llm_answered') }}

),

llm_tagged as (

    select * from {{ ref('int_postings_llm_skills_tagged') }}

),

rules_tagged as (

    select * from {{ ref('int_postings_skills_tagged') }}

),

rules_on_answered as (

    select
        rules_tagged.posting_id,
        rules_tagged.skill,
        rules_tagged.skill_category,
        rules_tagged.first_match,
        llm_answered.model
    from rules_tagged
    inner join llm_answered
        on rules_tagged.posting_id = llm_answered.posting_id

),

final as (

    select
        coalesce(rules_on_answered.posting_id, llm_tagged.posting_id) as posting_id,
        coalesce(rules_on_answered.skill, llm_tagged.skill) as skill,
        coalesce(rules_on_answered.skill_category, llm_tagged.skill_category) as skill_category,
        case when llm_tagged.posting_id is null then 'rules_only' else 'llm_only' end as found_by,
        coalesce(llm_tagged.evidence_span, rules_on_answered.first_match) as evidence_span,
        coalesce(llm_tagged.model, rules_on_answered.model) as llm_model
    from rules_on_answered
    full outer join llm_tagged
        on
            rules_on_answered.posting_id = llm_tagged.posting_id
            and rules_on_answered.skill = llm_tagged.skill
    where rules_on_answered.posting_id is null or llm_tagged.posting_id is null

)

select * from final
