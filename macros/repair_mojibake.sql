{#- Repair UTF-8 text that was decoded as Windows-1252 once upstream ("Â£" for "£", "â€™" for
    "’"): the sequences job boards show, each replaced by the character it stands for ("â€?" is
    "”" whose last byte was lost upstream). -#}
{% macro repair_mojibake(expression) -%}
    {{ return(adapter.dispatch('repair_mojibake', 'rolegap')(expression)) }}
{%- endmacro %}

{#- One pass, flat: split the text into the broken sequences and the text between them, replace
    each broken sequence, join again. Flat rather than nested replace() calls, so that the SQL
    stays shallow enough for SQLFluff's parser. -#}
{% macro default__repair_mojibake(expression) -%}
    {%- set pairs = mojibake_pairs() -%}
    {%- set pattern = mojibake_pattern() -%}
    array_to_string(list_transform(
        regexp_extract_all({{ expression }}, '{{ pattern }}'),
        lambda text_piece: case
            {%- for broken, fixed in pairs %}
            when text_piece = '{{ broken }}' then '{{ fixed }}'
            {%- endfor %}
            else text_piece
        end
    ), '')
{%- endmacro %}

{#- Postgres: the same pieces from regexp_matches(..., 'g') with ordinality, joined in order. -#}
{% macro postgres__repair_mojibake(expression) -%}
    {%- set pairs = mojibake_pairs() -%}
    {%- set pattern = mojibake_pattern() -%}
    (
        select case when mojibake_source.source_text is not null then coalesce((
            select string_agg(
                case
                    {%- for broken, fixed in pairs %}
                    when text_pieces.piece[1] = '{{ broken }}' then '{{ fixed }}'
                    {%- endfor %}
                    else text_pieces.piece[1]
                end,
                '' order by text_pieces.piece_n
            )
            from regexp_matches(mojibake_source.source_text, '{{ pattern }}', 'g')
                with ordinality as text_pieces (piece, piece_n)
        ), '') end
        from (select {{ expression }} as source_text) as mojibake_source
    )
{%- endmacro %}

{#- Spark: DuckDB's pieces and lambda (Java's alternation is first-match, as RE2's). -#}
{% macro spark__repair_mojibake(expression) -%}
    {%- set pairs = mojibake_pairs() -%}
    {%- set pattern = mojibake_pattern() -%}
    array_join(transform(
        regexp_extract_all({{ expression }}, '{{ pattern | replace("\\", "\\\\") }}', 0),
        text_piece -> case
            {%- for broken, fixed in pairs %}
            when text_piece = '{{ broken }}' then '{{ fixed }}'
            {%- endfor %}
            else text_piece
        end
    ), '')
{%- endmacro %}
