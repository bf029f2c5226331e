{#- Every match of the pattern replaced by a replacement that refers to capture groups as `\1` ..
    `\9` (RE2's and Postgres's syntax), given as plain text (not a SQL literal): the macro writes
    the engine's literal. Spark's (Java's) replacement syntax is `$1`, with a literal `$` or `\`
    escaped by a backslash, so the text is rewritten for it. -#}
{% macro regex_replace_all_groups(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all_groups', 'rolegap')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all_groups(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, '{{ replacement | replace("'", "''") }}', 'g')
{%- endmacro %}

{% macro postgres__regex_replace_all_groups(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, '{{ replacement | replace("'", "''") }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace_all_groups(expression, pattern, replacement) -%}
    {%- set state = namespace(skip=false, out=[]) -%}
    {%- for character in replacement -%}
        {%- if state.skip -%}
            {%- set state.skip = false -%}
        {%- elif character == '\\' and replacement[loop.index0 + 1] in '123456789' -%}
            {%- do state.out.append('$' ~ replacement[loop.index0 + 1]) -%}
            {%- set state.skip = true -%}
        {%- elif character in ['$', '\\'] -%}
            {%- do state.out.append('\\' ~ character) -%}
        {%- else -%}
            {%- do state.out.append(character) -%}
        {%- endif -%}
    {%- endfor -%}
    regexp_replace({{ expression }}, {{ pattern }}, '{{ state.out | join("") | replace("\\", "\\\\") | replace("'", "\\'") }}')
{%- endmacro %}
