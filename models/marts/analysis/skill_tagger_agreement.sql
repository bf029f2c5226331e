-- Per skill: how the rule tagger and the LLM agree on the openings the LLM answered (both read
-- the same description text). Every taxonomy skill is listed; with no LLM answers n is 0 and
-- the shares and kappa are null.
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

skills as (

    select * from {{ ref('skill_taxonomy') }}

),

answered_n as (

    select count(*) as postings_n
    from llm_answered

),

rules_on_answered as (

    select
        rules_tagged.posting_id,
        rules_tagged.skill
    from rules_tagged
    inner join llm_answered
        on rules_tagged.posting_id = llm_answered.posting_id

),

paired as (

    select
        coalesce(rules_on_answered.skill, llm_tagged.skill) as skill,
        rules_on_answered.posting_id is not null as is_rules,
        llm_tagged.posting_id is not null as is_llm
    from rules_on_answered
    full outer join llm_tagged
        on
            rules_on_answered.posting_id = llm_tagged.posting_id
            and rules_on_answered.skill = llm_tagged.skill

),

cells as (

    select
        paired.skill,
        count(*) filter (where paired.is_rules and paired.is_llm) as both_n,
        count(*) filter (where paired.is_rules and not paired.is_llm) as rules_only_n,
        count(*) filter (where paired.is_llm and not paired.is_rules) as llm_only_n
    from paired
    group by paired.skill

),

counts as (

    select
        skills.skill,
        skills.skill_category,
        answered_n.postings_n,
        coalesce(cells.both_n, 0) as both_n,
        coalesce(cells.rules_only_n, 0) as rules_only_n,
        coalesce(cells.llm_only_n, 0) as llm_only_n,
        answered_n.postings_n
        - coalesce(cells.both_n, 0)
        - coalesce(cells.rules_only_n, 0)
        - coalesce(cells.llm_only_n, 0) as neither_n
    from skills
    cross join answered_n
    left join cells
        on skills.skill = cells.skill

),

final as (

    select
        counts.skill,
        counts.skill_category,
        counts.postings_n,
        counts.both_n,
        counts.rules_only_n,
        counts.llm_only_n,
        counts.neither_n,
        (counts.both_n + counts.neither_n)
        / nullif(cast(counts.postings_n as {{ type_double() }}), 0) as agreement_share,
        {{ round_number(
            cohens_kappa('counts.both_n', 'counts.rules_only_n', 'counts.llm_only_n', 'counts.neither_n'),
            4
        ) }} as cohens_kappa
    from counts

)

select * from final
