with

roles_aggregated as (

    select * from {{ ref('int_roles_aggregated') }}

),

final as (

    select * from roles_aggregated

)

select * from final
