-- The analysis window in effect (one row). Vars window_start / window_end win; else the
-- article's window on the reference corpus; else the last var('window_months') calendar months
-- up to the latest fetch (so live data is analysed, not left outside the article's window).
-- With it, the markets in effect (vars included_markets, us_markets), so that checks outside dbt
-- (the Great Expectations suites) read the scope the build used.
{%- set market_literals = {'included_markets': [], 'us_markets': []} %}
{%- for list_name, literals in market_literals.items() %}
    {%- for market in var(list_name) %}{% do literals.append("'" ~ market ~ "'") %}{% endfor %}
{%- endfor %}
with

snapshots as (

    select * from {{ ref('stg_ingest__snapshots') }}

),

sightings as (

    select * from {{ ref('int_postings_sightings') }}

),

observations as (

    select snapshots.fetched_at as observed_at from snapshots
    union all
    select sightings.seen_at as observed_at from sightings

),

latest as (

    select cast(max(observations.observed_at) as date) as latest_fetched_date
    from observations

),

defaults as (

    select
        latest.latest_fetched_date,
        {% if var('reference_corpus') -%}
            cast('{{ var("article_window_start") }}' as date) as default_start,
            cast('{{ var("article_window_end") }}' as date) as default_end,
            'reference_corpus' as default_chosen_by
        {%- else -%}
            cast({{ dbt.dateadd(
                'month',
                '1 - ' ~ var('window_months'),
                dbt.date_trunc('month', 'latest.latest_fetched_date')
            ) }} as date) as default_start,
            latest.latest_fetched_date as default_end,
            'latest_fetch' as default_chosen_by
        {%- endif %}
    from latest

),

final as (

    select
        {% if var('window_start') -%}
            cast('{{ var("window_start") }}' as date)
        {%- else -%}
            defaults.default_start
        {%- endif %} as window_start,
        {% if var('window_end') -%}
            cast('{{ var("window_end") }}' as date)
        {%- else -%}
            defaults.default_end
        {%- endif %} as window_end,
        {% if var('window_start') or var('window_end') -%}
            'vars'
        {%- else -%}
            defaults.default_chosen_by
        {%- endif %} as chosen_by,
        defaults.latest_fetched_date,
        {{ dbt.array_construct(
            market_literals['included_markets'], dbt.type_string()
        ) }} as included_markets,
        {{ dbt.array_construct(
            market_literals['us_markets'], dbt.type_string()
        ) }} as us_markets
    from defaults

)

select * from final
