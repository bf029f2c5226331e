{#- Lower bound of the 95% Wilson score interval for k successes out of n (null when n = 0). -#}
{% macro wilson_lower(k, n, z=1.959964) -%}
    case when {{ n }} > 0 then
        (
            ({{ k }} * 1.0 / {{ n }}) + {{ z }} * {{ z }} / (2.0 * {{ n }})
            - {{ z }} * sqrt(
                ({{ k }} * 1.0 / {{ n }}) * (1 - {{ k }} * 1.0 / {{ n }}) / {{ n }}
                + {{ z }} * {{ z }} / (4.0 * {{ n }} * {{ n }})
            )
        ) / (1 + {{ z }} * {{ z }} / {{ n }})
    end
{%- endmacro %}
