-- Every landed payload version from every source, in one shape (columns matched by name; a
-- column one source lacks is null for the others).
with

unioned as (

    {{ union_all_by_name([
        ref('stg_greenhouse__postings'),
        ref('stg_lever__postings'),
        ref('stg_ashby__postings'),
        ref('stg_jsonl__postings'),
    ]) }}

),

final as (

    select * from unioned

)

select * from final
