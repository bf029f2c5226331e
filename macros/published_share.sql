{#- k / n as a 0..1 share, or null when n is below var('min_sample_n'): too small a sample is not published. -#}
{% macro published_share(k, n) -%}
    case when {{ n }} >= {{ var('min_sample_n') }} then cast({{ k }} as {{ type_double() }}) / {{ n }} end
{%- endmacro %}
