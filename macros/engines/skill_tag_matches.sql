{#- The skill tagger's regex pass: a select of (document_id, matched_text, match_ordinal), one row
    per match of the combined pattern in `documents` (document_id, document_text), in order.
    DuckDB and Spark run the one combined pattern (tagger_regex_extract_all) and unnest the list.
    Postgres's ARE compiler refuses the combined pattern ("regular expression is too complex")
    once its case-insensitive parts are spelled as two-case classes, but takes them as one
    pattern under its case-insensitive flag: the alternation is split in two, the
    case-insensitive half (flag 'i') and the case-sensitive half (its cues as two-case classes),
    and the two are merged as one left-to-right pass would take them: a match overlapped by an
    earlier match of the other half (or one at the same start that is longer) is dropped. Each
    half runs in two linear passes (regexp_matches 'g' for the matches, regexp_split_to_array
    for their positions; regexp_instr from a cursor rescans the whole rest of the text each
    call). Not reproduced: a dropped match that reached past the earlier one's end would, in one
    pass, let its half search again from there; and chains of such overlaps.
    ARE takes the longest match at the leftmost position where RE2 takes the first alternative
    that matches; the alternation lists the longer alias first, so the two agree on aliases
    (`scikit-learn` before `scikit`). They can differ where a stop phrase and a shorter
    cue-wrapped alias start at the same place (RE2: the stop phrase; ARE: the longer), where the
    lazy `{0,100}?` of the degree-field stop phrase meets two `statistics` (ARE runs to the
    second), and on non-ASCII letters (ARE's 'i' folds ASCII only under the C collation). -#}
{% macro skill_tag_matches(documents, patterns) -%}
    {{ return(adapter.dispatch('skill_tag_matches', 'rolegap')(documents, patterns)) }}
{%- endmacro %}

{% macro default__skill_tag_matches(documents, patterns) -%}
    select
        match_lists.document_id,
        {{ rolegap.unnest_with_index('match_lists.matched_texts', 'matched_text', 'match_ordinal') }}
    from (
        -- the one regex pass per document; the pattern is a constant, compiled once
        select
            {{ documents }}.document_id,
            {{ rolegap.tagger_regex_extract_all(documents ~ '.document_text', rolegap.regex_literal(patterns.tagger)) }}
                as matched_texts
        from {{ documents }}
    ) as match_lists
{%- endmacro %}

{% macro postgres__skill_tag_matches(documents, patterns) -%}
    {%- set halves = [
        {'flags': 'i', 'pattern': rolegap.regex_literal(patterns.tagger_case_insensitive)},
        {'flags': '', 'pattern': rolegap.regex_literal(patterns.tagger_case_sensitive)},
    ] -%}
    with

    half_matches as (
        -- each half's matches in one pass (regexp_matches 'g'), each match's position from the
        -- text between the matches (regexp_split_to_array, one more pass): the k-th match starts
        -- after the first k pieces and the k-1 matches before it
        {%- for half in halves %}
        select
            {{ documents }}.document_id,
            {{ loop.index }} as half_n,
            half_match.match_n,
            half_match.match_groups[1] as matched_text,
            length(half_split.pieces[half_match.match_n]) as piece_length
        from {{ documents }}
        cross join lateral (
            select regexp_split_to_array({{ documents }}.document_text, {{ half.pattern }}, '{{ half.flags }}') as pieces
        ) as half_split
        cross join lateral regexp_matches(
            {{ documents }}.document_text, '(' || {{ half.pattern }} || ')', 'g{{ half.flags }}'
        ) with ordinality as half_match (match_groups, match_n)
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ),

    candidates as (
        select
            half_matches.document_id,
            half_matches.half_n,
            half_matches.matched_text,
            1 + sum(half_matches.piece_length + length(half_matches.matched_text)) over (
                partition by half_matches.document_id, half_matches.half_n
                order by half_matches.match_n
                rows between unbounded preceding and current row
            ) - length(half_matches.matched_text) as match_start
        from half_matches
    ),

    kept as (
        -- a match overlapped by one of the other half that starts earlier (or at the same place
        -- and is longer) is not one a single left-to-right pass would take
        select
            candidates.document_id,
            candidates.matched_text,
            candidates.match_start
        from candidates
        where not exists (
            select 1
            from candidates as other
            where
                other.document_id = candidates.document_id
                and other.half_n <> candidates.half_n
                and other.match_start < candidates.match_start + length(candidates.matched_text)
                and candidates.match_start < other.match_start + length(other.matched_text)
                and (
                    other.match_start < candidates.match_start
                    or (other.match_start = candidates.match_start
                        and length(other.matched_text) > length(candidates.matched_text))
                    or (other.match_start = candidates.match_start
                        and length(other.matched_text) = length(candidates.matched_text)
                        and other.half_n < candidates.half_n)
                )
        )
    )

    select
        kept.document_id,
        kept.matched_text,
        row_number() over (partition by kept.document_id order by kept.match_start) as match_ordinal
    from kept
{%- endmacro %}
