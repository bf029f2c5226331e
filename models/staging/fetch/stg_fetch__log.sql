-- One row per board fetch attempt by `rolegap fetch` (raw.fetch_log).
{% if source_relation_exists('fetch', 'log') %}
with

source as (

    select * from {{ source('fetch', 'log') }}

),

final as (

    select
        md5(source.run_id || ':' || source.ats || ':' || source.board) as fetch_id,
        source.run_id,
        lower(source.ats) as source,
        source.board,
        source.url,
        cast(source.http_status as integer) as http_status,
        lower(source.status) as status,
        cast(source.attempts as integer) as attempts,
        cast(source.bytes as bigint) as bytes_n,
        cast(source.jobs_n as integer) as jobs_n,
        source.etag,
        source.last_modified,
        source.file_path,
        cast(source.started_at as timestamp) as started_at,
        cast(source.finished_at as timestamp) as finished_at,
        source.error
    from source

)

select * from final
{% else %}
-- raw.fetch_log not created yet (nothing fetched by `rolegap fetch`): no rows.
    select
        cast(null as {{ dbt.type_string() }}) as fetch_id,
        cast(null as {{ dbt.type_string() }}) as run_id,
        cast(null as {{ dbt.type_string() }}) as source,
        cast(null as {{ dbt.type_string() }}) as board,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as integer) as http_status,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as integer) as attempts,
        cast(null as bigint) as bytes_n,
        cast(null as integer) as jobs_n,
        cast(null as {{ dbt.type_string() }}) as etag,
        cast(null as {{ dbt.type_string() }}) as last_modified,
        cast(null as {{ dbt.type_string() }}) as file_path,
        cast(null as timestamp) as started_at,
        cast(null as timestamp) as finished_at,
        cast(null as {{ dbt.type_string() }}) as error
    where false
{% endif %}
