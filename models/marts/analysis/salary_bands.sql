-- US salary band per role family over the salary sample: median posted minimum to median
-- posted maximum (annual USD), midpoint between. Not published below var('min_sample_n').
with

roles as (

    select * from {{ ref('roles') }}

),

role_families as (

    select * from {{ ref('role_families') }}

),

bands as (

    select
        roles.role_family,
        count(*) as salary_sample_n,
        {{ median('roles.salary_min_usd') }} as min_p50_usd,
        {{ median('roles.salary_max_usd') }} as max_p50_usd,
        {{ quantile_cont('roles.salary_min_usd', 0.25) }} as min_p25_usd,
        {{ quantile_cont('roles.salary_max_usd', 0.75) }} as max_p75_usd
    from roles
    where roles.is_in_salary_sample
    group by roles.role_family

),

final as (

    select
        role_families.role_family,
        coalesce(bands.salary_sample_n, 0) as salary_sample_n,
        case when bands.salary_sample_n >= {{ var('min_sample_n') }} then bands.min_p50_usd end as min_p50_usd,
        case when bands.salary_sample_n >= {{ var('min_sample_n') }} then bands.max_p50_usd end as max_p50_usd,
        case
            when bands.salary_sample_n >= {{ var('min_sample_n') }}
                then (bands.min_p50_usd + bands.max_p50_usd) / 2
        end as midpoint_usd,
        case when bands.salary_sample_n >= {{ var('min_sample_n') }} then bands.min_p25_usd end as min_p25_usd,
        case when bands.salary_sample_n >= {{ var('min_sample_n') }} then bands.max_p75_usd end as max_p75_usd,
        coalesce(bands.salary_sample_n, 0) < {{ var('min_sample_n') }} as is_below_min_sample
    from role_families
    left join bands
        on role_families.role_family = bands.role_family
    where role_families.is_analysed

)

select * from final
