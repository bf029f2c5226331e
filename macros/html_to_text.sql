{#- HTML (already unescaped once, if the source escapes it) to plain text: block tags become
    line breaks, other tags a space, entities decoded, runs of spaces collapsed. -#}
{% macro html_to_text(expression) -%}
    nullif(trim(regexp_replace(regexp_replace(
        {{ html_unescape(
            "regexp_replace(regexp_replace(" ~ expression ~ ", '<\\s*(br|/p|/li|/h[1-6]|/div|/ul|/ol|/tr)[^>]*>', chr(10), 'gi'), '<[^>]*>', ' ', 'g')"
        ) }},
        '[ \t\r\f]+', ' ', 'g'), ' ?\n[ \n]*', chr(10), 'g'), ' ' || chr(10)), '')
{%- endmacro %}
