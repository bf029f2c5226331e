{#-
    The patterns of the skill tagger, built at compile time from the skill seeds (read by one
    plain query each, so the same on every engine), returned as a dict of raw pattern texts in
    RE2 syntax (regex_literal() makes each an engine's SQL literal; on Postgres it also rewrites
    the RE2-only parts). `tagger` is the one combined pattern run once per posting:
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
            'tagger_case_insensitive': placeholder, 'tagger_case_sensitive': placeholder,
        }) -}}
    {%- endif -%}
    {%- set re = modules.re -%}
    {#- RE2's \s and \w (ASCII), and the SQL's trim() (spaces only) -#}
    {%- set whitespace = '[\t\n\f\r ]+' -%}
    {%- set word_start = '^[0-9A-Za-z_]' -%}
    {%- set word_end = '[0-9A-Za-z_]$' -%}
    {%- set never = '[^\\s\\S]' -%}

    {%- set alias_rows = run_query(
        'select alias, is_case_sensitive from ' ~ skill_seed_relation('skill_aliases')
    ).rows -%}
    {%- set alias_parts = [] -%}
    {%- for row in alias_rows -%}
        {%- set trimmed = row[0].strip(' ') -%}
        {%- set body = ('\\b' if re.search(word_start, trimmed) else '')
            ~ skill_tag_escape(trimmed)
            ~ ('\\b' if re.search(word_end, trimmed) else '') -%}
        {%- do alias_parts.append({
            'sort_length': 0 - (row[0] | length), 'sort_text': row[0],
            'part': body if row[1] else '(?i:' ~ body ~ ')',
            'plain_part': body, 'is_case_sensitive': row[1],
        }) -%}
    {%- endfor -%}

    {%- set stop_rows = run_query(
        'select phrase, is_case_sensitive, is_regex from ' ~ skill_seed_relation('skill_stop_phrases')
    ).rows -%}
    {%- set stop_parts = [] -%}
    {%- for row in stop_rows -%}
        {%- set trimmed = row[0].strip(' ') -%}
        {%- if row[2] -%}
            {%- set escaped = row[0] -%}
            {%- set leading = re.search('^[A-Za-z0-9]', row[0]) -%}
            {%- set trailing = false -%}
        {%- else -%}
            {%- set escaped = skill_tag_escape(trimmed) -%}
            {%- set leading = re.search(word_start, trimmed) -%}
            {%- set trailing = re.search(word_end, trimmed) -%}
        {%- endif -%}
        {%- set part = ('\\b' if leading else '') ~ '(?:' ~ escaped ~ ')' ~ ('\\b' if trailing else '') -%}
        {%- do stop_parts.append({
            'sort_length': 0 - (row[0] | length), 'sort_text': row[0],
            'part': part if row[1] else '(?i:' ~ part ~ ')',
            'plain_part': part, 'is_case_sensitive': row[1],
        }) -%}
    {%- endfor -%}

    {%- set cue_rows = run_query(
        'select cue_position, cue from ' ~ skill_seed_relation('skill_negation_cues')
    ).rows -%}
    {%- set cues = {} -%}
    {%- set plain_cues = {} -%}
    {%- for position in ['before', 'before_weak', 'after', 'after_weak'] -%}
        {%- set parts = [] -%}
        {%- for row in cue_rows if row[0] == position -%}
            {%- do parts.append({'sort_length': 0 - (row[1] | length), 'sort_text': row[1], 'part': '(?:' ~ row[1] ~ ')'}) -%}
        {%- endfor -%}
        {%- do cues.update({position: '(?i:' ~ skill_tag_alternation(parts) ~ ')' if parts else never}) -%}
        {%- do plain_cues.update({position: '(?:' ~ skill_tag_alternation(parts) ~ ')' if parts else never}) -%}
    {%- endfor -%}

    {%- if not alias_parts or not stop_parts -%}
        {{ exceptions.raise_compiler_error('skill_tag_patterns: the skill_aliases and skill_stop_phrases seeds must not be empty') }}
    {%- endif -%}
    {#- Postgres (skill_tag_matches): the same alternation split by case, the case-insensitive
        half without `(?i:...)` (run with the engine's case-insensitive flag), the case-sensitive
        half with its cues in `(?i:...)` -#}
    {%- set halves = {} -%}
    {%- for is_case_sensitive in [false, true] -%}
        {%- set half_cues = cues if is_case_sensitive else plain_cues -%}
        {%- set half_stops = stop_parts | selectattr('is_case_sensitive', 'equalto', is_case_sensitive) | list -%}
        {%- set half_aliases = alias_parts | selectattr('is_case_sensitive', 'equalto', is_case_sensitive) | list -%}
        {%- set branches = [] -%}
        {%- if half_stops -%}
            {%- do branches.append(half_stops | map(attribute='plain_part') | join('|')) -%}
        {%- endif -%}
        {%- if half_aliases -%}
            {%- do branches.append(
                '(?:\\b(?:' ~ half_cues.before ~ '|' ~ half_cues.before_weak ~ '))?'
                ~ '(?:' ~ (half_aliases | map(attribute='plain_part') | join('|')) ~ ')'
                ~ '(?:' ~ half_cues.after ~ '|' ~ half_cues.after_weak ~ ')?'
            ) -%}
        {%- endif -%}
        {%- do halves.update({is_case_sensitive: branches | join('|') if branches else never}) -%}
    {%- endfor -%}
    {{- return({
        'tagger': skill_tag_alternation(stop_parts)
            ~ '|(?:\\b(?:' ~ cues.before ~ '|' ~ cues.before_weak ~ '))?'
            ~ '(?:' ~ skill_tag_alternation(alias_parts) ~ ')'
            ~ '(?:' ~ cues.after ~ '|' ~ cues.after_weak ~ ')?',
        'tagger_case_insensitive': halves[false],
        'tagger_case_sensitive': halves[true],
        'before_cue': '^(?:' ~ cues.before ~ ')',
        'before_weak_cue': '^(?:' ~ cues.before_weak ~ ')',
        'after_cue': '(?:' ~ cues.after ~ ')$',
        'after_weak_cue': '(?:' ~ cues.after_weak ~ ')$',
    }) -}}
{%- endmacro %}
