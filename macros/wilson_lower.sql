{#- Lower bound of the 95% Wilson score interval for k successes out of n (null when n = 0). -#}
{% macro wilson_lower(k, n, z=1.959964) -%}
    {%- set share = '(cast(' ~ k ~ ' as ' ~ type_double() ~ ') / ' ~ n ~ ')' -%}
    case when {{ n }} > 0 then
        (
            {{ share }} + {{ z }} * {{ z }} / (2.0 * {{ n }})
            - {{ z }} * sqrt(
                {{ share }} * (1 - {{ share }}) / {{ n }}
                + {{ z }} * {{ z }} / (4.0 * {{ n }} * {{ n }})
            )
        ) / (1 + {{ z }} * {{ z }} / {{ n }})
    end
{%- endmacro %}
