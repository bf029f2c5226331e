{#-
    The RE2 patterns of the skill tagger, built at compile time from the skill seeds by one
    introspective query, returned as a dict of SQL-literal-ready strings (single quotes doubled).
    `tagger` is the one combined pattern run once per posting:
        stop phrases  |  [negation cue] alias [negation cue]
    RE2 takes the leftmost match and, at one position, the first alternative that matches, so a
    stop phrase (longest first) beats an alias starting at the same character (`R&D` before `R`)
    and, for aliases, longest first (`apache spark` before `spark`). The optional cues around the
    alias make a negated mention one match ("no Kubernetes experience needed"); the other keys
    are the anchored cue patterns skill_tag_postings uses to decide, for the few matches that
    are not plain aliases, whether the cue negates (strong cue, or weak before + after cue) or
    only decorates the alias (a weak cue on one side: "Python experience required").
    Literal text is escaped, a space matches any whitespace run, `\b` is added where the alias
    edge is an ASCII word character (`c++` gets a leading boundary only), and case-insensitive
    parts are wrapped in `(?i:...)`. The alias alternation appears once: copies of it (e.g.
    separate negation alternatives) push RE2 out of its DFA memory budget and it falls back to
    the NFA, ~100x slower.
-#}
{% macro skill_tag_patterns() -%}
    {%- if not execute -%}
        {%- set placeholder = '(?:skill_tag_pattern_not_built)' -%}
        {{- return({
            'tagger': placeholder, 'before_cue': placeholder, 'before_weak_cue': placeholder,
            'after_cue': placeholder, 'after_weak_cue': placeholder,
        }) -}}
    {%- endif -%}
    {%- set build_sql -%}
        with

        aliases as (
            select
                alias,
                is_case_sensitive,
                regexp_replace(
                    regexp_replace(trim(alias), '([.^$|?*+()\[\]{}\\])', '\\\1', 'g'),
                    '\s+', '\\s+', 'g'
                ) as escaped,
            from {{ skill_seed_relation('skill_aliases') }}
        ),

        stop_phrases as (
            select
                phrase,
                is_case_sensitive,
                case
                    when is_regex then phrase
                    else regexp_replace(
                        regexp_replace(trim(phrase), '([.^$|?*+()\[\]{}\\])', '\\\1', 'g'),
                        '\s+', '\\s+', 'g'
                    )
                end as escaped,
                case
                    when is_regex then regexp_matches(phrase, '^[A-Za-z0-9]')
                    else regexp_matches(trim(phrase), '^\w')
                end as has_leading_boundary,
                not is_regex and regexp_matches(trim(phrase), '\w$') as has_trailing_boundary,
            from {{ skill_seed_relation('skill_stop_phrases') }}
        ),

        alias_parts as (
            select
                case when regexp_matches(trim(alias), '^\w') then '\b' else '' end
                || escaped
                || case when regexp_matches(trim(alias), '\w$') then '\b' else '' end as body,
                is_case_sensitive,
                length(alias) as alias_length,
                alias,
            from aliases
        ),

        alias_alternation as (
            select
                string_agg(
                    case when is_case_sensitive then body else '(?i:' || body || ')' end,
                    '|' order by alias_length desc, alias
                ) as pattern,
            from alias_parts
        ),

        stop_alternation as (
            select
                string_agg(
                    case when is_case_sensitive then part else '(?i:' || part || ')' end,
                    '|' order by length(phrase) desc, phrase
                ) as pattern,
            from (
                select
                    phrase,
                    is_case_sensitive,
                    case when has_leading_boundary then '\b' else '' end
                    || '(?:' || escaped || ')'
                    || case when has_trailing_boundary then '\b' else '' end as part,
                from stop_phrases
            )
        ),

        cues as (
            select
                cue_position,
                '(?i:' || string_agg('(?:' || cue || ')', '|' order by length(cue) desc, cue) || ')' as pattern,
            from {{ skill_seed_relation('skill_negation_cues') }}
            group by cue_position
        ),

        cue_patterns as (
            select
                coalesce(max(case when cue_position = 'before' then pattern end), '[^\s\S]') as before_cue,
                coalesce(max(case when cue_position = 'before_weak' then pattern end), '[^\s\S]') as before_weak_cue,
                coalesce(max(case when cue_position = 'after' then pattern end), '[^\s\S]') as after_cue,
                coalesce(max(case when cue_position = 'after_weak' then pattern end), '[^\s\S]') as after_weak_cue,
            from cues
        )

        select
            stop_alternation.pattern
            || '|(?:\b(?:' || cue_patterns.before_cue || '|' || cue_patterns.before_weak_cue || '))?'
            || '(?:' || alias_alternation.pattern || ')'
            || '(?:' || cue_patterns.after_cue || '|' || cue_patterns.after_weak_cue || ')?' as tagger,
            '^(?:' || cue_patterns.before_cue || ')' as before_cue,
            '^(?:' || cue_patterns.before_weak_cue || ')' as before_weak_cue,
            '(?:' || cue_patterns.after_cue || ')$' as after_cue,
            '(?:' || cue_patterns.after_weak_cue || ')$' as after_weak_cue,
        from alias_alternation
        cross join stop_alternation
        cross join cue_patterns
    {%- endset -%}
    {%- set built = run_query(build_sql) -%}
    {%- set patterns = {} -%}
    {%- for column_name in built.column_names -%}
        {%- do patterns.update({column_name: built.columns[column_name].values()[0] | replace("'", "''")}) -%}
    {%- endfor -%}
    {{- return(patterns) -}}
{%- endmacro %}
