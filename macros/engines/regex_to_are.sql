{#- A pattern in RE2 syntax rewritten, at compile time, for Postgres's ARE: `\b` / `\B` become
    `\y` / `\Y`; a case-insensitive group `(?i:...)` (ARE has case flags only for the whole
    pattern) becomes `(?:...)` with every letter in it as a two-case class (`[pP]`, inside a
    bracket expression both cases); RE2's never-matching `[^\s\S]` (ARE forbids `\S` in
    brackets) becomes `\y\Y`. Other inline flags, and letter ranges inside a case-insensitive
    bracket expression, are refused with a compile error rather than translated wrongly. -#}
{% macro regex_to_are(pattern) -%}
    {%- set pattern = pattern | replace('[^\\s\\S]', '\\y\\Y') -%}
    {%- set state = namespace(skip=0, in_class=false, class_start=false, insensitive=false, out=[]) -%}
    {%- set groups = [] -%}
    {%- for character in pattern -%}
        {%- set position = loop.index0 -%}
        {%- if state.skip > 0 -%}
            {%- set state.skip = state.skip - 1 -%}
        {%- elif character == '\\' -%}
            {%- set escaped = pattern[position + 1] -%}
            {%- do state.out.append('\\' ~ {'b': 'y', 'B': 'Y'}.get(escaped, escaped)) -%}
            {%- set state.skip = 1 -%}
        {%- elif state.in_class -%}
            {%- if character == ']' and not state.class_start -%}
                {%- set state.in_class = false -%}
                {%- do state.out.append(character) -%}
            {%- elif character == '^' and state.class_start and pattern[position - 1] == '[' -%}
                {%- do state.out.append(character) -%}
            {%- elif state.insensitive and character.lower() != character.upper() -%}
                {%- if pattern[position - 1] == '-' or pattern[position + 1] == '-' -%}
                    {{ exceptions.raise_compiler_error('regex_to_are: a letter range in a case-insensitive bracket expression: ' ~ pattern) }}
                {%- endif -%}
                {%- do state.out.append(character.lower() ~ character.upper()) -%}
                {%- set state.class_start = false -%}
            {%- else -%}
                {%- do state.out.append(character) -%}
                {%- set state.class_start = false -%}
            {%- endif -%}
        {%- elif character == '[' -%}
            {%- set state.in_class = true -%}
            {%- set state.class_start = true -%}
            {%- do state.out.append(character) -%}
        {%- elif character == '(' and pattern[position:position + 4] == '(?i:' -%}
            {%- do groups.append(state.insensitive) -%}
            {%- set state.insensitive = true -%}
            {%- do state.out.append('(?:') -%}
            {%- set state.skip = 3 -%}
        {%- elif character == '(' and pattern[position + 1] == '?' and pattern[position + 2] not in [':', '=', '!'] -%}
            {{ exceptions.raise_compiler_error('regex_to_are: an inline flag ARE cannot take: ' ~ pattern[position:position + 6]) }}
        {%- elif character == '(' -%}
            {%- do groups.append(state.insensitive) -%}
            {%- do state.out.append(character) -%}
        {%- elif character == ')' -%}
            {%- set state.insensitive = groups.pop() -%}
            {%- do state.out.append(character) -%}
        {%- elif state.insensitive and character.lower() != character.upper() -%}
            {%- do state.out.append('[' ~ character.lower() ~ character.upper() ~ ']') -%}
        {%- else -%}
            {%- do state.out.append(character) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(state.out | join('')) -}}
{%- endmacro %}
