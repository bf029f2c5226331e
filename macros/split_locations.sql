{#- A list of location strings (each maybe "A OR B", "A; B" or "A | B") as one list of clean
    locations in listed order, placeholders dropped, repeats kept once. -#}
{% macro split_locations(list_expression) -%}
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
