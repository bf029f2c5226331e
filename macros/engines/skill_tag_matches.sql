{#- The skill tagger's regex pass: a select of (document_id, matched_text, match_ordinal), one row
    per match of the combined pattern in `documents` (document_id, document_text), in order.
    DuckDB and Spark run the one combined pattern (tagger_regex_extract_all) and unnest the list.
    Postgres's ARE compiler refuses the combined pattern ("regular expression is too complex")
    once its case-insensitive parts are spelled as two-case classes, but takes them as one
    pattern under its case-insensitive flag: the alternation is split in two, the
    case-insensitive half (flag 'i') and the case-sensitive half (its cues as two-case classes),
    and a recursive scan merges them as one left-to-right pass would: from the cursor, the
    earlier of the two halves' next matches (the longer at the same start) is taken, the cursor
    moves past it, and a half whose next match began before the cursor searches again from it.
    ARE takes the longest match at the leftmost position where RE2 takes the first alternative
    that matches; the alternation lists the longer alias first, so the two agree on aliases
    (`scikit-learn` before `scikit`); see the model's YAML for where they can differ. -#}
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
    {%- set insensitive = rolegap.regex_literal(patterns.tagger_case_insensitive) -%}
    {%- set sensitive = rolegap.regex_literal(patterns.tagger_case_sensitive) -%}
    with recursive

    scan (document_id, document_text, match_ordinal, matched_text, insensitive_start, insensitive_text, sensitive_start, sensitive_text) as (
        select
            first_matches.document_id,
            first_matches.document_text,
            0,
            cast(null as text),
            first_matches.insensitive_start,
            case when first_matches.insensitive_start > 0 then
                regexp_substr(first_matches.document_text, {{ insensitive }}, first_matches.insensitive_start, 1, 'i')
            end,
            first_matches.sensitive_start,
            case when first_matches.sensitive_start > 0 then
                regexp_substr(first_matches.document_text, {{ sensitive }}, first_matches.sensitive_start)
            end
        from (
            select
                {{ documents }}.document_id,
                {{ documents }}.document_text,
                regexp_instr({{ documents }}.document_text, {{ insensitive }}, 1, 1, 0, 'i') as insensitive_start,
                regexp_instr({{ documents }}.document_text, {{ sensitive }}) as sensitive_start
            from {{ documents }}
        ) as first_matches

        union all

        select
            scan.document_id,
            scan.document_text,
            scan.match_ordinal + 1,
            taken.matched_text,
            insensitive_next.match_start,
            case
                when insensitive_next.match_start = scan.insensitive_start then scan.insensitive_text
                when insensitive_next.match_start > 0 then
                    regexp_substr(scan.document_text, {{ insensitive }}, insensitive_next.match_start, 1, 'i')
            end,
            sensitive_next.match_start,
            case
                when sensitive_next.match_start = scan.sensitive_start then scan.sensitive_text
                when sensitive_next.match_start > 0 then
                    regexp_substr(scan.document_text, {{ sensitive }}, sensitive_next.match_start)
            end
        from scan
        cross join lateral (
            select
                case
                    when scan.sensitive_start = 0 then scan.insensitive_text
                    when scan.insensitive_start = 0 then scan.sensitive_text
                    when scan.insensitive_start < scan.sensitive_start then scan.insensitive_text
                    when scan.sensitive_start < scan.insensitive_start then scan.sensitive_text
                    when length(scan.sensitive_text) > length(scan.insensitive_text) then scan.sensitive_text
                    else scan.insensitive_text
                end as matched_text,
                case
                    when scan.sensitive_start = 0 then scan.insensitive_start
                    when scan.insensitive_start = 0 then scan.sensitive_start
                    else least(scan.insensitive_start, scan.sensitive_start)
                end as match_start
        ) as taken
        cross join lateral (
            select
                case
                    when scan.insensitive_start = 0
                        or scan.insensitive_start >= taken.match_start + length(taken.matched_text)
                        then scan.insensitive_start
                    else regexp_instr(
                        scan.document_text, {{ insensitive }}, taken.match_start + length(taken.matched_text), 1, 0, 'i'
                    )
                end as match_start
        ) as insensitive_next
        cross join lateral (
            select
                case
                    when scan.sensitive_start = 0
                        or scan.sensitive_start >= taken.match_start + length(taken.matched_text)
                        then scan.sensitive_start
                    else regexp_instr(scan.document_text, {{ sensitive }}, taken.match_start + length(taken.matched_text))
                end as match_start
        ) as sensitive_next
        where scan.insensitive_start > 0 or scan.sensitive_start > 0
    )

    select
        scan.document_id,
        scan.matched_text,
        scan.match_ordinal
    from scan
    where scan.match_ordinal > 0
{%- endmacro %}
