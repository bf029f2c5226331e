{#- HTML (already unescaped once, if the source escapes it) to plain text: block tags become
    line breaks, other tags a space, entities decoded, runs of spaces collapsed. Engine-neutral
    through regex_replace_all and regex_literal (the block tags' letters as two-case classes:
    Postgres and Spark take no 'i' flag there). -#}
{% macro html_to_text(expression) -%}
    {%- set block_tags = regex_literal('<\\s*([bB][rR]|/[pP]|/[lL][iI]|/[hH][1-6]|/[dD][iI][vV]|/[uU][lL]|/[oO][lL]|/[tT][rR])[^>]*>') -%}
    {%- set tags_replaced = regex_replace_all(
        regex_replace_all(expression, block_tags, 'chr(10)'), "'<[^>]*>'", "' '"
    ) -%}
    nullif(trim(both ' ' || chr(10) from {{ regex_replace_all(
        regex_replace_all(html_unescape(tags_replaced), regex_literal('[ \\t\\r\\f]+'), "' '"),
        regex_literal(' ?\\n[ \\n]*'), 'chr(10)'
    ) }}), '')
{%- endmacro %}
