{#-
    A money amount as a double: thousands separators removed, scaled by a magnitude suffix
    (k = thousand; m, mn, million; b, bn, billion). Null when the text is not a number.
-#}
{% macro salary_parse_amount(number_text, suffix_text) -%}
    {{ return(adapter.dispatch('salary_parse_amount', 'rolegap')(number_text, suffix_text)) }}
{%- endmacro %}

{% macro default__salary_parse_amount(number_text, suffix_text) -%}
    {{ rolegap.safe_cast_number("replace(" ~ number_text ~ ", ',', '')", rolegap.type_double()) }}
    * case lower(coalesce({{ suffix_text }}, ''))
        when 'k' then 1e3
        when 'm' then 1e6
        when 'mn' then 1e6
        when 'million' then 1e6
        when 'b' then 1e9
        when 'bn' then 1e9
        when 'billion' then 1e9
        else 1
    end
{%- endmacro %}
