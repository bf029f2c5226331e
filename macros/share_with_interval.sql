{#- Three columns for a share of k out of n: <prefix>share (null below var('min_sample_n')),
    <prefix>share_lower and <prefix>share_upper (95% Wilson interval). -#}
{% macro share_with_interval(k, n, prefix='') -%}
    {{ published_share(k, n) }} as {{ prefix }}share,
    {{ wilson_lower(k, n) }} as {{ prefix }}share_lower,
    {{ wilson_upper(k, n) }} as {{ prefix }}share_upper
{%- endmacro %}
