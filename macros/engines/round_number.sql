{#- A number rounded to `digits` decimals, half away from zero, as a double. Postgres rounds only
    numeric to a number of digits (round(double precision, integer) does not exist). -#}
{% macro round_number(expression, digits) -%}
    {{ return(adapter.dispatch('round_number', 'rolegap')(expression, digits)) }}
{%- endmacro %}

{% macro default__round_number(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}

{% macro postgres__round_number(expression, digits) -%}
    cast(round(cast({{ expression }} as numeric), {{ digits }}) as double precision)
{%- endmacro %}

{% macro spark__round_number(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}
