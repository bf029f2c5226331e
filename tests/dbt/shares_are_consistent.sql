-- Internal consistency across rows: each mix sums to 1 per role family, and pay ranges are
-- ordered (salary min <= max). Each share's own checks (in [0, 1], inside its interval, published
-- exactly when n >= var('min_sample_n')) are the generic test share_is_consistent on every share
-- column of the analysis and trend marts.
with

mix_sums as (

    select
        'seniority_mix' as mart,
        role_family,
        sum(share) as share_sum
    from {{ ref('seniority_mix') }}
    where share is not null
    group by role_family
    union all
    select
        'industry_mix' as mart,
        role_family,
        sum(share) as share_sum
    from {{ ref('industry_mix') }}
    where share is not null
    group by role_family

)

select
    mart as what,
    role_family as row_key,
    'mix sums to ' || share_sum || ', not 1' as problem
from mix_sums
where abs(share_sum - 1) > 1e-9
union all
select
    'postings.salary' as what,
    posting_id as row_key,
    'salary_min_annual > salary_max_annual' as problem
from {{ ref('postings') }}
where salary_min_annual > salary_max_annual
union all
select
    'salary_bands' as what,
    role_family as row_key,
    'min_p50_usd > max_p50_usd' as problem
from {{ ref('salary_bands') }}
where min_p50_usd > max_p50_usd
