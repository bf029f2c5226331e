{#- Milliseconds since the Unix epoch (as text or a number) as a UTC timestamp without time zone;
    null when it is not a whole number. -#}
{% macro epoch_ms_to_timestamp(expression) -%}
    {{ return(adapter.dispatch('epoch_ms_to_timestamp', 'rolegap')(expression)) }}
{%- endmacro %}

{% macro default__epoch_ms_to_timestamp(expression) -%}
    to_timestamp(try_cast({{ expression }} as bigint) / 1000) at time zone 'UTC'
{%- endmacro %}

{% macro postgres__epoch_ms_to_timestamp(expression) -%}
    to_timestamp({{ rolegap.safe_cast_number(expression, 'bigint') }} / 1000.0) at time zone 'UTC'
{%- endmacro %}

{% macro spark__epoch_ms_to_timestamp(expression) -%}
    timestamp_millis(try_cast({{ expression }} as bigint))
{%- endmacro %}
