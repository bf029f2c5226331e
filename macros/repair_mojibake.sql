{#- Repair UTF-8 text that was decoded as Windows-1252 once upstream ("Â£" for "£", "â€™" for
    "’"): the sequences job boards show, each replaced by the character it stands for ("â€?" is
    "”" whose last byte was lost upstream). -#}
{% macro repair_mojibake(expression) -%}
    {%- set pairs = [
        ('â€™', '’'),
        ('â€', '”'),
        ('â€?', '”'),
        ('â€˜', '‘'),
        ('â€œ', '“'),
        ('â€“', '–'),
        ('â€”', '—'),
        ('â€¦', '…'),
        ('â€¢', '•'),
        ('â‚¬', '€'),
        ('Â£', '£'),
        ('Â ', ' '),
        ('Ã©', 'é'),
        ('Ã¨', 'è'),
        ('Ã¼', 'ü'),
        ('Ã¶', 'ö'),
        ('Ã¤', 'ä'),
        ('Ã±', 'ñ'),
        ('Ã§', 'ç'),
        ('Ã ', 'à'),
        ('Ã¡', 'á'),
        ('Ã­', 'í'),
        ('Ã³', 'ó'),
        ('Ãº', 'ú'),
    ] -%}
    {#- One pass, flat: split the text into the broken sequences (none is a prefix of another) and the text
        between them, replace each broken sequence, join again. Flat rather than nested replace()
        calls, so that the SQL stays shallow enough for SQLFluff's parser. -#}
    array_to_string(list_transform(
        regexp_extract_all({{ expression }}, '{{ pairs | map(attribute=0) | map('replace', '?', '\\?') | join('|') }}|[^âÂÃ]+|.'),
        lambda text_piece: case
            {%- for broken, fixed in pairs %}
            when text_piece = '{{ broken }}' then '{{ fixed }}'
            {%- endfor %}
            else text_piece
        end
    ), '')
{%- endmacro %}
