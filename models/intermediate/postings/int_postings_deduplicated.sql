-- One row per opening (posting_id): the latest fetched version of a re-fetched posting.
with

unioned as (

    select * from {{ ref('int_postings_unioned') }}
    where {{ incremental_postings_filter() }}

),

ranked as (

    select
        unioned.*,
        count(*) over (partition by unioned.posting_id) as versions_n,
        min(unioned.fetched_at) over (partition by unioned.posting_id) as first_fetched_at,
        row_number() over (
            partition by unioned.posting_id
            order by
                unioned.fetched_at desc,
                unioned.updated_at desc nulls last,
                unioned.loaded_at desc,
                unioned.raw_record_id asc
        ) as version_rank
    from unioned

),

final as (

    select
        posting_id,
        raw_record_id,
        source,
        board,
        source_job_id,
        company_name,
        {{ company_key('company_name') }} as company_key,
        title,
        location,
        locations,
        description_html,
        description_text,
        coalesce(length(description_text), 0) as description_chars,
        posted_at,
        cast(posted_at as date) as posted_date,
        updated_at,
        first_fetched_at,
        fetched_at as last_fetched_at,
        versions_n,
        url,
        department,
        employment_type,
        salary_min,
        salary_max,
        salary_currency,
        salary_interval,
        salary_text
    from ranked
    where version_rank = 1

)

select * from final
