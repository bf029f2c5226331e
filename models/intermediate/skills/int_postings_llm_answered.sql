-- The LLM answer each opening's description has: the latest ok answer for the same description text
-- (sha256, as `rolegap llm-tag` computed it), optionally of one model (var llm_model).
{%- set llm_model = var('llm_model') %}
with

postings_deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}

),

llm_answers as (

    select * from {{ ref('stg_llm__answers') }}

),

postings_hashed as (

    select
        postings_deduplicated.posting_id,
        {{ text_sha256('postings_deduplicated.description_text') }} as description_hash
    from postings_deduplicated
    where postings_deduplicated.description_text is not null

),

ok_answers as (

    select llm_answers.*
    from llm_answers
    where
        llm_answers.is_ok
        and (llm_answers.model = '{{ llm_model }}' or '{{ llm_model }}' = '')

),

ranked as (

    select
        postings_hashed.posting_id,
        ok_answers.answer_id,
        ok_answers.description_hash,
        ok_answers.model,
        ok_answers.prompt_version,
        ok_answers.taxonomy_version,
        ok_answers.answered_at,
        row_number() over (
            partition by postings_hashed.posting_id
            order by ok_answers.answered_at desc, ok_answers.answer_id asc
        ) as answer_rank
    from postings_hashed
    inner join ok_answers
        on postings_hashed.description_hash = ok_answers.description_hash

),

final as (

    select
        ranked.posting_id,
        ranked.answer_id,
        ranked.description_hash,
        ranked.model,
        ranked.prompt_version,
        ranked.taxonomy_version,
        ranked.answered_at
    from ranked
    where ranked.answer_rank = 1

)

select * from final
