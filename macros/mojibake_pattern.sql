{#- The pattern repair_mojibake splits a text with (RE2 syntax): each broken sequence of
    mojibake_pairs in order, else a run of characters that start none, else one character. -#}
{% macro mojibake_pattern() -%}
    {{ return(mojibake_pairs() | map(attribute=0) | map('replace', '?', '\\?') | join('|') ~ '|[^âÂÃ]+|.') }}
{%- endmacro %}
