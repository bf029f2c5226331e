-- Location -> market and country, by the first matching rule of seed market_locations, run once
-- per distinct location string; one narrow row per opening (int_postings_classified joins it to
-- the opening's other columns). markets: every included market the posting's locations name, in
-- listed order; market: the first of them, else the whole location string's market (or other).
with

deduplicated as {{ cte_inlined() }} (

    -- read again by each CTE below (pieces, locations, the final join) for the columns it needs
    select * from {{ ref('int_postings_deduplicated') }}
    where {{ incremental_postings_filter() }}

),

market_locations as (

    select * from {{ ref('market_locations') }}

),

pieces as (

    -- One row per location a posting names (staging split "A OR B", "A; B", extra locations).
    select
        deduplicated.posting_id,
        {{ unnest_with_index('deduplicated.locations', 'location_piece', 'piece_index') }}
    from deduplicated

),

locations as (

    -- Rules run once per distinct location string, not once per posting.
    select distinct lower(trim(deduplicated.location)) as location_key
    from deduplicated
    where deduplicated.location is not null
    union
    select distinct lower(trim(pieces.location_piece)) as location_key
    from pieces

),

matches as (

    select
        locations.location_key,
        {{ arg_min('market_locations.market', 'market_locations.priority') }} as market,
        {{ arg_min('market_locations.country', 'market_locations.priority') }} as country
    from locations
    inner join market_locations
        on {{ regex_matches('locations.location_key', regex_pattern('market_locations.location_pattern')) }}
    group by locations.location_key

),

included_pieces as (

    select
        pieces.posting_id,
        matches.market,
        min(pieces.piece_index) as first_piece_index,
        {{ arg_min('matches.country', 'pieces.piece_index') }} as country
    from pieces
    inner join matches
        on lower(trim(pieces.location_piece)) = matches.location_key
    where matches.market in ({{ sql_list(var('included_markets')) }})
    group by pieces.posting_id, matches.market

),

posting_markets as (

    select
        included_pieces.posting_id,
        {{ list_agg_ordered('included_pieces.market', 'included_pieces.first_piece_index') }} as markets,
        {{ arg_min('included_pieces.market', 'included_pieces.first_piece_index') }} as first_market,
        {{ arg_min('included_pieces.country', 'included_pieces.first_piece_index') }} as first_market_country
    from included_pieces
    group by included_pieces.posting_id

),

final as (

    select
        deduplicated.posting_id,
        coalesce(posting_markets.markets, {{ dbt.array_construct([], dbt.type_string()) }}) as markets,
        coalesce(posting_markets.first_market, matches.market, 'other') as market,
        coalesce(posting_markets.first_market_country, matches.country, 'unknown') as country,
        coalesce(posting_markets.first_market, matches.market, 'other') in (
            {{ sql_list(var('us_markets')) }}
        ) as is_us_market
    from deduplicated
    left join posting_markets
        on deduplicated.posting_id = posting_markets.posting_id
    left join matches
        on lower(trim(deduplicated.location)) = matches.location_key

)

select * from final
