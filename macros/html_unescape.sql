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

{#- Postgres: the same pieces from regexp_matches(..., 'g') with ordinality, decoded and joined
    in order by string_agg ('' for empty text, as DuckDB's). -#}
{% macro postgres__html_unescape(expression) -%}
    (
        select case when html_source.html_text is not null then coalesce((
            select string_agg(
                case
                    {%- for entity, text in html_entities() %}
                    when html_pieces.piece[1] = '{{ entity }}' then '{{ text }}'
                    {%- endfor %}
                    when html_pieces.piece[1] ~ '^&#[0-9]{1,7};$'
                        then chr(cast(substr(html_pieces.piece[1], 3, length(html_pieces.piece[1]) - 3) as integer))
                    when html_pieces.piece[1] ~ '^&#[xX][0-9a-fA-F]{1,6};$'
                        then chr(cast(cast(
                            'x' || lpad(substr(html_pieces.piece[1], 4, length(html_pieces.piece[1]) - 4), 8, '0')
                            as bit(32)) as integer))
                    else html_pieces.piece[1]
                end,
                '' order by html_pieces.piece_n
            )
            from regexp_matches(html_source.html_text, '&#?[a-zA-Z0-9]+;|[^&]+|&', 'g')
                with ordinality as html_pieces (piece, piece_n)
        ), '') end
        from (select {{ expression }} as html_text) as html_source
    )
{%- endmacro %}

{#- Spark: DuckDB's pieces and lambda (Spark's chr() is Latin-1 only: a code point is decoded
    from its UTF-32 bytes). -#}
{% macro spark__html_unescape(expression) -%}
    array_join(transform(
        regexp_extract_all({{ expression }}, '&#?[a-zA-Z0-9]+;|[^&]+|&', 0),
        html_piece -> case
            {%- for entity, text in html_entities() %}
            when html_piece = '{{ entity }}' then '{{ text | replace("''", "\\'") }}'
            {%- endfor %}
            when html_piece rlike '^&#[0-9]{1,7};$'
                then decode(unhex(lpad(hex(cast(substr(html_piece, 3, length(html_piece) - 3) as int)), 8, '0')), 'UTF-32')
            when html_piece rlike '^&#[xX][0-9a-fA-F]{1,6};$'
                then decode(unhex(lpad(substr(html_piece, 4, length(html_piece) - 4), 8, '0')), 'UTF-32')
            else html_piece
        end
    ), '')
{%- endmacro %}
