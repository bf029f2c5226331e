{#- A list of location strings (each maybe "A OR B", "A; B" or "A | B") as one list of clean
    locations in listed order, placeholders dropped, repeats kept once. -#}
{% macro split_locations(list_expression) -%}
    {{ return(adapter.dispatch('split_locations', 'rolegap')(list_expression)) }}
{%- endmacro %}

{% macro default__split_locations(list_expression) -%}
    {%- set pieces -%}
        list_filter(
            list_transform(
                flatten(list_transform(
                    list_filter({{ list_expression }}, lambda location_text: location_text is not null),  -- noqa: RF03
                    lambda location_text: regexp_split_to_array(location_text, '\s+[oO][rR]\s+|\s*;\s*|\s+\|\s+')  -- noqa: RF03
                )),
                lambda location_piece: {{ clean_location('location_piece') }}  -- noqa: RF03
            ),
            lambda location_piece: location_piece is not null  -- noqa: RF03
        )
    {%- endset -%}
    {#- Keep each location once, at its first position: over the 1-based indexes (a one-argument
        lambda: SQLFluff cannot parse DuckDB's two-argument one). -#}
    list_transform(
        list_filter(
            range(1, len({{ pieces }}) + 1),
            lambda piece_index: list_position({{ pieces }}, ({{ pieces }})[piece_index]) = piece_index  -- noqa: RF03
        ),
        lambda piece_index: ({{ pieces }})[piece_index]  -- noqa: RF03
    )
{%- endmacro %}

{#- Postgres: every piece with its position (string, then piece), cleaned; each kept once at its
    first position. -#}
{% macro postgres__split_locations(list_expression) -%}
    (
        select coalesce(
            array_agg(location_firsts.location_piece order by location_firsts.first_position),
            cast(array[] as text [])
        )
        from (
            select
                location_pieces.location_piece,
                min(location_pieces.piece_position) as first_position
            from (
                select
                    {{ clean_location('location_split.piece_text') }} as location_piece,
                    location_texts.text_n * 1000000 + location_split.piece_n as piece_position
                from unnest({{ list_expression }}) with ordinality as location_texts (location_text, text_n)
                cross join lateral regexp_split_to_table(
                    location_texts.location_text, {{ regex_literal('\\s+[oO][rR]\\s+|\\s*;\\s*|\\s+\\|\\s+') }}
                ) with ordinality as location_split (piece_text, piece_n)
            ) as location_pieces
            where location_pieces.location_piece is not null
            group by location_pieces.location_piece
        ) as location_firsts
    )
{%- endmacro %}

{#- Spark: array_distinct keeps each value's first occurrence, in order. -#}
{% macro spark__split_locations(list_expression) -%}
    array_distinct(filter(
        transform(
            flatten(transform(
                filter({{ list_expression }}, location_text -> location_text is not null),
                location_text -> split(location_text, {{ regex_literal('\\s+[oO][rR]\\s+|\\s*;\\s*|\\s+\\|\\s+') }})
            )),
            location_piece -> {{ clean_location('location_piece') }}
        ),
        location_piece -> location_piece is not null
    ))
{%- endmacro %}
