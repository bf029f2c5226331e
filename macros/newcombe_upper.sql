{#- Upper bound of Newcombe's hybrid score 95% interval for p1 - p2, from each share and its Wilson bounds. -#}
{% macro newcombe_upper(p1, p1_lower, p1_upper, p2, p2_lower, p2_upper) -%}
    (
        {{ p1 }} - {{ p2 }} + sqrt(
            power({{ p1_upper }} - {{ p1 }}, 2)
            + power({{ p2 }} - {{ p2_lower }}, 2)
        )
    )
{%- endmacro %}
