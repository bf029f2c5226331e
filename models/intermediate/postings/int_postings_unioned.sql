-- Every landed payload version from every source, in one shape.
with

greenhouse as (

    select * from {{ ref('stg_greenhouse__postings') }}

),

lever as (

    select * from {{ ref('stg_lever__postings') }}

),

ashby as (

    select * from {{ ref('stg_ashby__postings') }}

),

jsonl as (

    select * from {{ ref('stg_jsonl__postings') }}

),

unioned as (

    select * from greenhouse
    union all by name
    select * from lever
    union all by name
    select * from ashby
    union all by name
    select * from jsonl

),

final as (

    select * from unioned

)

select * from final
