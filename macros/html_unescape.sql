{#- Decode the HTML entities job boards use, once: "&amp;lt;" decodes to "&lt;" and not further. -#}
{% macro html_unescape(expression) -%}
    {{ return(adapter.dispatch('html_unescape', 'rolegap')(expression)) }}
{%- endmacro %}

{#- DuckDB: split the text into entities and the text between them, decode each entity once
    (named ones from html_entities(), numeric ones &#NNN; / &#xHH; by code point), join again.
    One pass, so "&amp;lt;" decodes to "&lt;" and not further. -#}
{% macro default__html_unescape(expression) -%}
    array_to_string(list_transform(
        regexp_extract_all({{ expression }}, '&#?[a-zA-Z0-9]+;|[^&]+|&'),
        lambda html_piece: case
            {%- for entity, text in html_entities() %}
            when html_piece = '{{ entity }}' then '{{ text }}'
            {%- endfor %}
            when regexp_matches(html_piece, '^&#[0-9]{1,7};$')
                then chr(cast(substr(html_piece, 3, length(html_piece) - 3) as integer))
            when regexp_matches(html_piece, '^&#[xX][0-9a-fA-F]{1,6};$')
                then chr(cast('0x' || substr(html_piece, 4, length(html_piece) - 4) as integer))
            else html_piece
        end
    ), '')
{%- endmacro %}
