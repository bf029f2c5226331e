-- depends_on: {{ ref('skill_stop_phrases') }}
-- depends_on: {{ ref('skill_negation_cues') }}
-- The tagging pattern is built from the skill seeds at compile time (macro skill_tag_pattern).
with

postings_deduplicated as (
    select * from {{ ref('int_postings_deduplicated') }}
    where {{ incremental_postings_filter() }}
),

postings_without_company_blurb as (
    -- A line (paragraph) that opens with the company describing itself ("Writer is the full-stack
    -- generative AI platform ...") is about the company's products, not the job: not tagged.
    -- A line that also speaks of the job ("X is looking for a data scientist") is kept, and
    -- without a company name every line is kept.
    select
        posting_id,
        array_to_string(
            list_filter(
                string_split(description_text, chr(10)),
                lambda paragraph: not coalesce(
                    -- the name as a literal prefix, then a constant pattern: a pattern built from the
                    -- name would be compiled again for every paragraph
                    starts_with(lower(ltrim(paragraph)), lower(trim(company_name)))
                    and regexp_matches(
                        substr(lower(ltrim(paragraph)), length(lower(trim(company_name))) + 1),
                        '^(?:,? inc\.?|,? ltd\.?)? (?:is|was) '
                    )
                    and not regexp_matches(
                        lower(paragraph), '\b(?:looking for|hiring|seeking|you will|you''ll|this role)\b'
                    ),
                    false
                )
            ),
            chr(10)
        ) as description_text
    from postings_deduplicated
),

tagged as (
    {{ skill_tag_postings('postings_without_company_blurb', 'posting_id', 'description_text') }}
)

select * from tagged
