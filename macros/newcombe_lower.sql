{#- Lower bound of Newcombe's hybrid score 95% interval for p1 - p2, from each share and its Wilson bounds. -#}
{% macro newcombe_lower(p1, p1_lower, p1_upper, p2, p2_lower, p2_upper) -%}
    (
        {{ p1 }} - {{ p2 }} - sqrt(
            power({{ p1 }} - {{ p1_lower }}, 2)
            + power({{ p2_upper }} - {{ p2 }}, 2)
        )
    )
{%- endmacro %}
