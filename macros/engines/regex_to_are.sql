{#- A pattern in RE2 syntax rewritten, at compile time, for Postgres's ARE, so that it matches what
    RE2 matches:
    - `\b` / `\B` become `\y` / `\Y`; RE2's never-matching `[^\s\S]` (ARE forbids `\S` in
      brackets) becomes `\y\Y`;
    - case-insensitivity becomes two-case letters (ARE has case flags only for a whole pattern, and
      callers wrap patterns in groups): in a `(?i:...)` group, or everywhere after a leading `(?i)`,
      a letter outside brackets becomes `[pP]`, inside a bracket expression both cases, and a
      letter range `a-h` both ranges (`a-hA-H`);
    - `.` outside brackets matches any character but a newline in RE2 (ARE's matches newlines
      too): it becomes `[^\n]`, unless a leading `(?s)` (or `(?is)`, `(?si)`) makes it match
      everything, as ARE's `.` does.
    Other inline flags, and a range between a letter and a non-letter inside a case-insensitive
    bracket expression, are refused with a compile error rather than translated wrongly. -#}
{% macro regex_to_are(pattern) -%}
    {%- set pattern = pattern | replace('[^\\s\\S]', '\\y\\Y') -%}
    {%- set state = namespace(skip=0, in_class=false, class_start=false, insensitive=false, dot_all=false, out=[]) -%}
    {%- set leading = pattern[:5] if pattern[:5] in ['(?is)', '(?si)'] else (pattern[:4] if pattern[:4] in ['(?i)', '(?s)'] else '') -%}
    {%- set state.insensitive = 'i' in leading -%}
    {%- set state.dot_all = 's' in leading -%}
    {%- set state.skip = leading | length -%}
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
                {%- set range_end = pattern[position + 2] if pattern[position + 1] == '-' else '' -%}
                {%- if range_end and range_end != ']' -%}
                    {%- if range_end.lower() == range_end.upper() -%}
                        {{ exceptions.raise_compiler_error('regex_to_are: a range from a letter to a non-letter in a case-insensitive bracket expression: ' ~ pattern) }}
                    {%- endif -%}
                    {%- do state.out.append(character.lower() ~ '-' ~ range_end.lower() ~ character.upper() ~ '-' ~ range_end.upper()) -%}
                    {%- set state.skip = 2 -%}
                {%- elif pattern[position - 1] == '-' and not state.class_start and pattern[position - 2] != '[' -%}
                    {{ exceptions.raise_compiler_error('regex_to_are: a range from a non-letter to a letter in a case-insensitive bracket expression: ' ~ pattern) }}
                {%- else -%}
                    {%- do state.out.append(character.lower() ~ character.upper()) -%}
                {%- endif -%}
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
        {%- elif character == '.' and not state.dot_all -%}
            {%- do state.out.append('[^\\n]') -%}
        {%- elif state.insensitive and character.lower() != character.upper() -%}
            {%- do state.out.append('[' ~ character.lower() ~ character.upper() ~ ']') -%}
        {%- else -%}
            {%- do state.out.append(character) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(state.out | join('')) -}}
{%- endmacro %}
