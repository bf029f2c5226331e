-- Skill shares per role family over the skills sample (in-scope roles with a full description),
-- the gap in percentage points with a Newcombe 95% interval, and the article's skill groups.
-- Tags come from var skill_tag_source (named in skill_tag_source); with llm or union the sample
-- is the roles with an opening the LLM answered (int_roles_aggregated.has_llm_answer), so untagged
-- roles do not dilute the shares.
{%- set tag_source = var('skill_tag_source') %}
with

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

roles_skills_tagged as (

    select * from {{ ref('int_roles_skills_tagged') }}

),

skills as (

    select * from {{ ref('skill_taxonomy') }}

),

skills_sample as (

    select
        roles_aggregated.role_id,
        roles_aggregated.role_family
    from roles_aggregated
    where
        roles_aggregated.is_in_skills_sample
        -- llm / union tags: only roles with an answered in-scope opening
        and (roles_aggregated.has_llm_answer or {{ tag_source == 'rules' }})

),

sample_sizes as (

    select
        count(*) filter (where skills_sample.role_family = 'data_scientist') as ds_sample_n,
        count(*) filter (where skills_sample.role_family = 'ml_engineer') as mle_sample_n
    from skills_sample

),

skill_counts as (

    select
        roles_skills_tagged.skill,
        count(*) filter (where roles_skills_tagged.role_family = 'data_scientist') as ds_roles_n,
        count(*) filter (where roles_skills_tagged.role_family = 'ml_engineer') as mle_roles_n
    from roles_skills_tagged
    group by roles_skills_tagged.skill

),

shares as (

    select
        skills.skill,
        skills.skill_category,
        skills.display_name,
        sample_sizes.ds_sample_n,
        sample_sizes.mle_sample_n,
        coalesce(skill_counts.ds_roles_n, 0) as ds_roles_n,
        coalesce(skill_counts.mle_roles_n, 0) as mle_roles_n
    from skills
    cross join sample_sizes
    left join skill_counts
        on skills.skill = skill_counts.skill

),

intervals as (

    select
        shares.*,
        {{ share_with_interval('shares.ds_roles_n', 'shares.ds_sample_n', 'ds_') }},
        {{ share_with_interval('shares.mle_roles_n', 'shares.mle_sample_n', 'mle_') }},
        least(shares.ds_sample_n, shares.mle_sample_n) < {{ var('min_sample_n') }} as is_below_min_sample
    from shares

),

final as (

    select
        intervals.skill,
        intervals.skill_category,
        intervals.display_name,
        case
            when intervals.ds_share - intervals.mle_share >= {{ var('falls_away_min_gap') }} then 'falls_away'
            when
                intervals.ds_share >= {{ var('overlap_min_share') }}
                and intervals.mle_share >= {{ var('overlap_min_share') }} then 'overlap'
            when intervals.mle_share - intervals.ds_share >= {{ var('bridging_min_gap') }} then 'bridging'
            else 'other'
        end as skill_group,
        intervals.ds_roles_n,
        intervals.ds_sample_n,
        intervals.ds_share,
        intervals.ds_share_lower,
        intervals.ds_share_upper,
        intervals.mle_roles_n,
        intervals.mle_sample_n,
        intervals.mle_share,
        intervals.mle_share_lower,
        intervals.mle_share_upper,
        100 * (intervals.mle_share - intervals.ds_share) as gap_pts,
        -- Newcombe's hybrid score interval for a difference of two proportions.
        100 * {{ newcombe_lower(
            'intervals.mle_share', 'intervals.mle_share_lower', 'intervals.mle_share_upper',
            'intervals.ds_share', 'intervals.ds_share_lower', 'intervals.ds_share_upper'
        ) }} as gap_lower_pts,
        100 * {{ newcombe_upper(
            'intervals.mle_share', 'intervals.mle_share_lower', 'intervals.mle_share_upper',
            'intervals.ds_share', 'intervals.ds_share_lower', 'intervals.ds_share_upper'
        ) }} as gap_upper_pts,
        intervals.is_below_min_sample
    from intervals

)

select
    final.*,
    final.gap_lower_pts > 0 or final.gap_upper_pts < 0 as is_gap_significant,
    '{{ tag_source }}' as skill_tag_source
from final
