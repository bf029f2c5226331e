{#- The (broken, fixed) pairs repair_mojibake replaces, in the order its pattern tries them; none is a
    prefix of another, so first-match (RE2, Java) and longest-match (Postgres) alternations split alike. -#}
{% macro mojibake_pairs() -%}
    {{ return([
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
    ]) }}
{%- endmacro %}
