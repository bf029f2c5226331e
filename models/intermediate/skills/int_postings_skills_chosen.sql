-- depends_on: {{ ref('int_postings_skills_tagged') }}
-- depends_on: {{ ref('int_postings_llm_skills_tagged') }}
-- depends_on: {{ ref('int_postings_llm_answered') }}
-- The skill tags the skill marts are built from, chosen by var skill_tag_source:
--   rules  the rule tagger's tags on every opening (the default; the reference build);
--   llm    the LLM's tags, on the openings it answered;
--   union  either tagger's tags, on the openings the LLM answered (both taggers saw the same text).
{%- set tag_source = var('skill_tag_source') %}
{%- if tag_source not in ['rules', 'llm', 'union'] %}
    {{ exceptions.raise_compiler_error(
        "var skill_tag_source must be rules, llm or union, got '" ~ tag_source ~ "'"
    ) }}
{%- endif %}
with

{% if tag_source == 'rules' -%}

    rules_tagged as (

        select * from {{ ref('int_postings_skills_tagged') }}

    ),

    chosen as (

        select
            rules_tagged.posting_id,
            rules_tagged.skill,
            rules_tagged.skill_category,
            rules_tagged.mentions_n
        from rules_tagged

    ),

{%- elif tag_source == 'llm' -%}

    llm_tagged as (

        select * from {{ ref('int_postings_llm_skills_tagged') }}

    ),

    chosen as (

        select
            llm_tagged.posting_id,
            llm_tagged.skill,
            llm_tagged.skill_category,
            cast(null as bigint) as mentions_n
        from llm_tagged

    ),

{%- else -%}

    rules_tagged as (

        select * from {{ ref('int_postings_skills_tagged') }}

    ),

    llm_tagged as (

        select * from {{ ref('int_postings_llm_skills_tagged') }}

    ),

    llm_answered as (

        select * from {{ ref('int_postings_llm_answered') }}

    ),

    rules_on_answered as (

        select rules_tagged.*
        from rules_tagged
        inner join llm_answered
            on rules_tagged.posting_id = llm_answered.posting_id

    ),

    chosen as (

        select
            coalesce(rules_on_answered.posting_id, llm_tagged.posting_id) as posting_id,
            coalesce(rules_on_answered.skill, llm_tagged.skill) as skill,
            coalesce(rules_on_answered.skill_category, llm_tagged.skill_category) as skill_category,
            rules_on_answered.mentions_n
        from rules_on_answered
        full outer join llm_tagged
            on
                rules_on_answered.posting_id = llm_tagged.posting_id
                and rules_on_answered.skill = llm_tagged.skill

    ),

{%- endif %}

final as (

    select
        chosen.posting_id,
        chosen.skill,
        chosen.skill_category,
        chosen.mentions_n,
        '{{ tag_source }}' as skill_tag_source
    from chosen

)

select * from final
