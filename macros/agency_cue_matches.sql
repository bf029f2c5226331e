{#- True when the (lowercased) text `expression` has a recruitment-agency client cue of seed
    agency_cues. The seed is read at compile time (one plain query, the same on every engine; the
    relation found like the skill tagger's seeds, so unit tests use the seed itself) and every cue
    becomes a constant pattern: an engine compiles a constant regex once, a pattern taken from a
    column once per row (at 1M postings that was 70 s of CPU). Each cue's required_substring gates
    its patterns (a case: the cheap test runs first whatever order the engine would pick). -#}
{% macro agency_cue_matches(expression) -%}
    {%- if not execute -%}
        {{- return('false') -}}
    {%- endif -%}
    {%- set rows = run_query(
        'select required_substring, cue_pattern from ' ~ skill_seed_relation('agency_cues')
        ~ ' order by required_substring, cue_pattern'
    ).rows -%}
    {%- set substrings = [] -%}
    {%- set patterns = {} -%}
    {%- for row in rows -%}
        {%- if row[0] not in substrings -%}
            {%- do substrings.append(row[0]) -%}
            {%- do patterns.update({row[0]: []}) -%}
        {%- endif -%}
        {%- do patterns[row[0]].append(row[1]) -%}
    {%- endfor -%}
    {%- if not substrings -%}
        {{- return('false') -}}
    {%- endif -%}
    (
    {%- for substring in substrings %}
        case
            when {{ dbt.position("'" ~ substring | replace("'", "''") ~ "'", expression) }} > 0
                then
                {%- for pattern in patterns[substring] %}
                    {{ regex_matches(expression, regex_literal(pattern)) }}{{ ' or' if not loop.last }}
                {%- endfor %}
            else false
        end{{ ' or' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}
