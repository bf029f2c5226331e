-- The agreement counts are the disagreement rows, skill by skill, and the four cells add up to n;
-- every LLM run accounts for what it asked (ok + failed). Fails with one row per mismatch.
with

agreement as (

    select * from {{ ref('skill_tagger_agreement') }}

),

disagreements as (

    select * from {{ ref('skill_tagger_disagreements') }}

),

llm_runs as (

    select * from {{ ref('stg_llm__runs') }}

),

disagreement_counts as (

    select
        disagreements.skill,
        count(*) filter (where disagreements.found_by = 'rules_only') as rules_only_n,
        count(*) filter (where disagreements.found_by = 'llm_only') as llm_only_n
    from disagreements
    group by disagreements.skill

),

mismatches as (

    select
        agreement.skill as item,
        'agreement counts differ from the disagreement rows or do not add up to postings_n' as problem
    from agreement
    left join disagreement_counts
        on agreement.skill = disagreement_counts.skill
    where
        agreement.rules_only_n != coalesce(disagreement_counts.rules_only_n, 0)
        or agreement.llm_only_n != coalesce(disagreement_counts.llm_only_n, 0)
        or agreement.both_n + agreement.rules_only_n + agreement.llm_only_n + agreement.neither_n
        != agreement.postings_n
        or agreement.neither_n < 0

    union all

    select
        llm_runs.run_id as item,
        'llm-tag run: asked_n != ok_n + failed_n, or cached_n + asked_n > descriptions_n' as problem
    from llm_runs
    where
        llm_runs.asked_n != llm_runs.ok_n + llm_runs.failed_n
        or llm_runs.cached_n + llm_runs.asked_n > llm_runs.descriptions_n

)

select * from mismatches
