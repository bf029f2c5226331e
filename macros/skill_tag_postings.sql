{#-
    One-pass skill tagging: for each row of `relation` (a ref, a relation or a CTE name) run the
    combined pattern from skill_tag_patterns() once over `text_column`, unnest the few matches,
    map each to a skill by a hash join on the normalised alias (lowercase, whitespace collapsed),
    and aggregate to one row per (id, skill). Negation and stop-phrase matches have no alias and
    drop out in the inner join, taking the text they cover with them.
    Cost (scripts/bench_tagging.py): the regex pass is ~2/3 of the time and is bound by RE2's DFA,
    which reads every byte (~350 MB/s per thread here, ~5x the `sum(length(lower()))` floor, even
    for a 3-alias pattern); a larger alternation adds DFA states, each match adds a reverse-DFA
    run. Alternative orderings of the alternation (prefix-sharing, trie-like) measured the same,
    tokenising (`string_split` + unnest + hash join) cost as much as the whole regex pass before
    any multi-word alias or context rule, and restructuring the SQL after the regex (category in
    the alias join, cue regexes on a separate branch) measured no faster end to end.
    Returns a select with columns: <id_column>, skill, skill_category, mentions_n, first_match.
-#}
{% macro skill_tag_postings(relation, id_column, text_column) -%}
    {%- set patterns = skill_tag_patterns() %}
    with

    documents as (
        select
            {{ id_column }} as document_id,
            {{ text_column }} as document_text
        from {{ relation }}
        where {{ text_column }} is not null
    ),

    skill_aliases as (
        select * from {{ ref('skill_aliases') }}
    ),

    skills as (
        select * from {{ ref('skill_taxonomy') }}
    ),

    alias_keys as (
        select distinct
            lower({{ regex_replace_all('trim(skill_aliases.alias)', regex_literal('\\s+'), "' '") }}) as alias_key,
            skill_aliases.skill
        from skill_aliases
    ),

    matches as (
        -- the one regex pass per document (on Postgres two halves merged: skill_tag_matches)
        {{ skill_tag_matches('documents', patterns) }}
    ),

    matches_keyed as (
        -- most matches are a plain alias written with single spaces and resolve here on lower();
        -- the rest (stop phrases, cue-bearing or oddly spaced matches) go through the next CTE
        select
            matches.document_id,
            matches.matched_text,
            matches.match_ordinal,
            alias_keys.skill as alias_skill
        from matches
        left join alias_keys
            on lower(matches.matched_text) = alias_keys.alias_key
    ),

    matches_stripped as (
        -- a weak cue on one side only ("Python experience required") decorates the alias: strip
        -- it; a strong cue, or weak cues on both sides ("no Go experience needed"), negates
        select
            matches_keyed.document_id,
            matches_keyed.matched_text,
            matches_keyed.match_ordinal,
            matches_keyed.alias_skill,
            case
                when matches_keyed.alias_skill is not null then null
                when {{ regex_matches('matches_keyed.matched_text', regex_literal(patterns.before_cue)) }} then null
                when {{ regex_matches('matches_keyed.matched_text', regex_literal(patterns.after_cue)) }} then null
                when {{ regex_matches('matches_keyed.matched_text', regex_literal(patterns.before_weak_cue)) }}
                    and {{ regex_matches('matches_keyed.matched_text', regex_literal(patterns.after_weak_cue)) }} then null
                else lower({{ regex_replace_all(
                    'regexp_replace(regexp_replace(matches_keyed.matched_text, '
                    ~ regex_literal(patterns.before_weak_cue) ~ ", ''), "
                    ~ regex_literal(patterns.after_weak_cue) ~ ", '')",
                    regex_literal('\\s+'),
                    "' '"
                ) }})
            end as stripped_key
        from matches_keyed
    ),

    matched_skills as (
        -- stop phrases and negated mentions resolve to no skill and drop out here
        select
            matches_stripped.document_id,
            coalesce(matches_stripped.alias_skill, stripped_aliases.skill) as skill,
            matches_stripped.matched_text,
            matches_stripped.match_ordinal
        from matches_stripped
        left join alias_keys as stripped_aliases
            on matches_stripped.stripped_key = stripped_aliases.alias_key
        where coalesce(matches_stripped.alias_skill, stripped_aliases.skill) is not null
    ),

    final as (
        select
            matched_skills.document_id as {{ id_column }},
            matched_skills.skill,
            skills.skill_category,
            count(*) as mentions_n,
            {{ arg_min('matched_skills.matched_text', 'matched_skills.match_ordinal') }} as first_match
        from matched_skills
        inner join skills
            on matched_skills.skill = skills.skill
        group by matched_skills.document_id, matched_skills.skill, skills.skill_category
    )

    select * from final
{%- endmacro %}
