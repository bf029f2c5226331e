-- depends_on: {{ ref('skill_stop_phrases') }}
-- depends_on: {{ ref('skill_negation_cues') }}
-- The tagging pattern is built from the skill seeds at compile time (macro skill_tag_pattern).
with

postings_deduplicated as (
    select * from {{ ref('int_postings_deduplicated') }}
    where {{ incremental_postings_filter() }}
),

postings_keyed as (
    -- location copies and re-posts share a text: each (company, text) is tagged once (the key's
    -- separator is chr(30): Postgres text cannot hold chr(0))
    select
        posting_id,
        company_name,
        description_text,
        md5(coalesce(company_name, '') || chr(30) || description_text) as description_key
    from postings_deduplicated
    where description_text is not null
),

descriptions as (
    select distinct
        description_key,
        company_name,
        description_text
    from postings_keyed
),

descriptions_without_company_blurb as (
    -- A line (paragraph) that opens with the company describing itself ("Writer is the full-stack
    -- generative AI platform ...") is about the company's products, not the job: not tagged.
    -- A line that also speaks of the job ("X is looking for a data scientist") is kept, and
    -- without a company name every line is kept.
    -- (the name as a literal prefix, then a constant pattern: a pattern built from the name would
    -- be compiled again for every paragraph)
    {%- set company_prefix = 'lower(trim(company_name))' %}
    {%- set is_company_blurb -%}
        left(lower(ltrim(paragraph)), length({{ company_prefix }})) = {{ company_prefix }}
        and {{ regex_matches(
            'substr(lower(ltrim(paragraph)), length(' ~ company_prefix ~ ') + 1)',
            regex_literal('^(?:,? inc\\.?|,? ltd\\.?)? (?:is|was) ')
        ) }}
        and not {{ regex_matches(
            'lower(paragraph)',
            regex_literal("\\b(?:looking for|hiring|seeking|you will|you'll|this role)\\b")
        ) }}
    {%- endset %}
    select
        description_key,
        {{ text_lines_kept('description_text', 'paragraph', 'not coalesce(' ~ is_company_blurb ~ ', false)') }}
            as description_text
    from descriptions
),

descriptions_tagged as (
    {{ skill_tag_postings('descriptions_without_company_blurb', 'description_key', 'description_text') }}
),

final as (
    select
        postings_keyed.posting_id,
        descriptions_tagged.skill,
        descriptions_tagged.skill_category,
        descriptions_tagged.mentions_n,
        descriptions_tagged.first_match
    from postings_keyed
    inner join descriptions_tagged
        on postings_keyed.description_key = descriptions_tagged.description_key
)

select * from final
