with

source as (

    select * from {{ source('llm', 'runs') }}

),

final as (

    select
        source.run_id,
        source.started_at,
        source.finished_at,
        source.base_url,
        source.model,
        source.prompt_version,
        source.taxonomy_version,
        source.postings_n,
        source.descriptions_n,
        source.cached_n,
        source.asked_n,
        source.ok_n,
        source.failed_n,
        source.requests_n,
        source.prompt_tokens,
        source.completion_tokens,
        source.estimated_prompt_tokens,
        source.loaded_at,
        source.finished_at is not null as is_finished
    from source

)

select * from final
