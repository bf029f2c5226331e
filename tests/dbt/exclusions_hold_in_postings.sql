-- Exclusions: an in-scope opening is never an agency listing, an `other` role, outside the
-- window or outside the included markets; an excluded one always says why. The analysed
-- families are seed role_families' (is_analysed).
select
    posting_id,
    title,
    company,
    market,
    posted_date,
    exclusion_reason,
    case
        when is_in_scope and is_agency then 'agency listing counted in scope'
        when is_in_scope and role_family not in (
            select role_families.role_family from {{ ref('role_families') }} as role_families
            where role_families.is_analysed
        ) then 'other role counted in scope'
        when is_in_scope and (
            posted_date is null
            or posted_date < (select analysis_window.window_start from {{ ref('analysis_window') }} as analysis_window)
            or posted_date > (select analysis_window.window_end from {{ ref('analysis_window') }} as analysis_window)
        ) then 'opening outside the window counted in scope'
        when is_in_scope and market not in ({{ sql_list(var('included_markets')) }})
            then 'opening outside the included markets counted in scope'
        when is_in_scope and exclusion_reason is not null then 'in-scope opening has an exclusion_reason'
        when not is_in_scope and exclusion_reason is null then 'excluded opening without exclusion_reason'
    end as problem
from {{ ref('postings') }}
where
    (is_in_scope and (
        is_agency
        or role_family not in (
            select role_families.role_family from {{ ref('role_families') }} as role_families
            where role_families.is_analysed
        )
        or posted_date is null
        or posted_date < (select analysis_window.window_start from {{ ref('analysis_window') }} as analysis_window)
        or posted_date > (select analysis_window.window_end from {{ ref('analysis_window') }} as analysis_window)
        or market not in ({{ sql_list(var('included_markets')) }})
        or exclusion_reason is not null
    ))
    or (not is_in_scope and exclusion_reason is null)
