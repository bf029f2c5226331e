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
       
        ('Ã³', 'ó'),
        ('Ãº', 'ú'),
    ] -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for broken, fixed in pairs -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ broken ~ "', '" ~ fixed ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
