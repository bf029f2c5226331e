-- Every figure the article states (seed published_figures) beside the value this warehouse computes.
with

published_figures as (

    select * from {{ ref('published_figures') }}

),

skill_gap as (

    select * from {{ ref('skill_gap') }}

),

seniority_mix as (

    select * from {{ ref('seniority_mix') }}

),

industry_mix as (

    select * from {{ ref('industry_mix') }}

),

role_volume as (

    select * from {{ ref('role_volume') }}

),

salary_bands as (

    select * from {{ ref('salary_bands') }}

),

computed as (

    select
        'skill_share' as metric,
        'data_scientist' as role_family,
        skill as dimension,
        100 * ds_share as computed_value
    from skill_gap
    union all
    select
        'skill_share' as metric,
        'ml_engineer' as role_family,
        skill as dimension,
        100 * mle_share as computed_value
    from skill_gap
    union all
    select
        'seniority_share' as metric,
        role_family,
        seniority as dimension,
        100 * share as computed_value
    from seniority_mix
    union all
    select
        'industry_share' as metric,
        role_family,
        industry as dimension,
        100 * share as computed_value
    from industry_mix
    union all
    select
        'startup_share' as metric,
        role_family,
        'all' as dimension,
        100 * startup_share as computed_value
    from role_volume
    union all
    select
        'openings_n' as metric,
        role_family,
        'all' as dimension,
        openings_n as computed_value
    from role_volume
    union all
    select
        'openings_n' as metric,
        'all' as role_family,
        'all' as dimension,
        sum(openings_n) as computed_value
    from role_volume
    union all
    select
        'skills_sample_n' as metric,
        role_family,
        'all' as dimension,
        skills_sample_n as computed_value
    from role_volume
    union all
    select
        'salary_sample_n' as metric,
        role_family,
        'all' as dimension,
        salary_sample_n as computed_value
    from role_volume
    union all
    select
        'volume_ratio' as metric,
        'all' as role_family,
        'all' as dimension,
        cast(max(openings_n) filter (where role_family = 'ml_engineer') as {{ type_double() }})
        / nullif(max(openings_n) filter (where role_family = 'data_scientist'), 0) as computed_value
    from role_volume
    union all
    select
        'salary_min_p50_usd' as metric,
        role_family,
        'all' as dimension,
        min_p50_usd as computed_value
    from salary_bands
    union all
    select
        'salary_max_p50_usd' as metric,
        role_family,
        'all' as dimension,
        max_p50_usd as computed_value
    from salary_bands
    union all
    select
        'salary_midpoint_premium_usd' as metric,
        'all' as role_family,
        'all' as dimension,
        max(midpoint_usd) filter (where role_family = 'ml_engineer')
        - max(midpoint_usd) filter (where role_family = 'data_scientist') as computed_value
    from salary_bands

),

final as (

    select
        published_figures.figure_id,
        published_figures.metric,
        published_figures.role_family,
        published_figures.dimension,
        published_figures.unit,
        published_figures.comparison,
        published_figures.published_value,
        published_figures.tolerance,
        computed.computed_value,
        published_figures.source_sentence,
        computed.computed_value - published_figures.published_value as difference,
        case
            when computed.computed_value is null then false
            when published_figures.comparison = 'less_than'
                then computed.computed_value < published_figures.published_value
            else abs(computed.computed_value - published_figures.published_value) <= published_figures.tolerance
        end as is_reproduced
    from published_figures
    left join computed
        on
            published_figures.metric = computed.metric
            and published_figures.role_family = computed.role_family
            and published_figures.dimension = computed.dimension

)

select * from final
