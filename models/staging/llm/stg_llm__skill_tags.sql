with

source as (

    select * from {{ source('llm', 'skill_tags') }}

),

final as (

    select
        source.answer_id,
        source.skill,
        source.evidence_span,
        source.run_id,
        source.cache_key,
        source.description_hash,
        source.taxonomy_version,
        source.model,
        source.prompt_version,
        source.loaded_at
    from source

)

select * from final
