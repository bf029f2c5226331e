-- Location string -> market and country, by the first matching rule of seed market_locations.
with

deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}

),

market_locations as (

    select * from {{ ref('market_locations') }}

),

locations as (

    -- Rules run once per distinct location string, not once per posting.
    select distinct lower(trim(location)) as location_key
    from deduplicated
    where location is not null

),

matches as (

    select
        locations.location_key,
        arg_min(market_locations.market, market_locations.priority) as market,
        arg_min(market_locations.country, market_locations.priority) as country
    from locations
    inner join market_locations
        on regexp_matches(locations.location_key, market_locations.location_pattern)
    group by locations.location_key

),

final as (

    select
        deduplicated.*,
        coalesce(matches.market, 'other') as market,
        coalesce(matches.country, 'unknown') as country,
        coalesce(matches.market, 'other') in (
            {{ sql_list(var('us_markets')) }}
        ) as is_us_market
    from deduplicated
    left join matches
        on lower(trim(deduplicated.location)) = matches.location_key

)

select * from final
