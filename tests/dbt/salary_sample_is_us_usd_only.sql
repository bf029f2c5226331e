-- Salaries: USD columns only ever hold USD; a role in the salary sample has an in-scope opening
-- in a US market with an annual USD range, and its band values come from such openings only.
with

postings as (

    select * from {{ ref('postings') }}

),

roles as (

    select * from {{ ref('roles') }}

),

us_usd_openings as (

    select
        role_id,
        {{ median('salary_min_usd') }} as salary_min_usd,
        {{ median('salary_max_usd') }} as salary_max_usd
    from postings
    where
        is_in_scope
        and market in ({{ sql_list(var('us_markets')) }})
        and salary_currency = 'USD'
        and salary_min_usd is not null
        and salary_max_usd is not null
    group by role_id

)

select
    posting_id as record_id,
    'postings' as mart_name,
    'USD salary column filled for currency ' || coalesce(salary_currency, 'null') as problem
from postings
where (salary_min_usd is not null or salary_max_usd is not null) and coalesce(salary_currency, '') != 'USD'

union all

select
    roles.role_id as record_id,
    'roles' as mart_name,
    'role in the salary sample without an in-scope US-market USD opening, or with band values from elsewhere' as problem
from roles
left join us_usd_openings
    on roles.role_id = us_usd_openings.role_id
where
    roles.is_in_salary_sample
    and (
        us_usd_openings.role_id is null
        or roles.salary_min_usd is distinct from us_usd_openings.salary_min_usd
        or roles.salary_max_usd is distinct from us_usd_openings.salary_max_usd
    )

union all

select
    roles.role_id as record_id,
    'roles' as mart_name,
    'role with a US-market USD range left out of the salary sample' as problem
from roles
inner join us_usd_openings
    on roles.role_id = us_usd_openings.role_id
where not roles.is_in_salary_sample
