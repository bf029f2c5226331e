{#- An ISO-8601 string (with or without offset) as a UTC timestamp without time zone. -#}
{% macro to_utc_timestamp(expression) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__to_utc_timestamp(expression) -%}
    (try_cast({{ expression }} as timestamptz) at time zone 'UTC')
{%- endmacro %}

{% macro postgres__to_utc_timestamp(expression) -%}
    (cast({{ expression }} as timestamptz) at time zone 'UTC')
{%- endmacro %}

{#- Spark: the session time zone is UTC (profiles.yml), so the timestamp is UTC's wall clock. -#}
{% macro spark__to_utc_timestamp(expression) -%}
    try_cast({{ expression }} as timestamp)
{%- endmacro %}
