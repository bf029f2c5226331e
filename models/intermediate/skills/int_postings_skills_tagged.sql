-- depends_on: {{ ref('skill_stop_phrases') }}
-- depends_on: {{ ref('skill_negation_cues') }}
-- The tagging pattern is built from the skill seeds at compile time (macro skill_tag_pattern).
with

postings_deduplicated as (
    select * from {{ ref('int_postings_deduplicated') }}
),

tagged as (
    {{ skill_tag_postings('postings_deduplicated', 'posting_id', 'description_text') }}
)

select * from tagged
