with

source as (

    select * from {{ source('llm', 'answers') }}

),

final as (

    select
        source.answer_id,
        source.run_id,
        source.cache_key,
        source.description_hash,
        source.taxonomy_version,
        source.model,
        source.prompt_version,
        source.posting_ids,
        source.status,
        source.failure_reason,
        source.attempts_n,
        source.requests_n,
        source.latency_ms,
        source.prompt_tokens,
        source.completion_tokens,
        source.response_text,
        source.answered_at,
        source.loaded_at,
        source.status = 'ok' as is_ok
    from source

)

select * from final
