{#-
    The ISO code of an explicit currency marker or code: US$/USD, S$/SG$/SGD, CA$/C$/CAD, £/GBP,
    €/EUR. Null for anything else, including a bare "$": the caller decides what a bare "$" means.
-#}
{% macro salary_currency_code(marker) -%}
    case upper(trim({{ marker }}))
        when 'USD' then 'USD'
        when 'US$' then 'USD'
        when 'SGD' then 'SGD'
        when 'S$' then 'SGD'
        when 'SG$' then 'SGD'
        when 'CAD' then 'CAD'
        when 'CA$' then 'CAD'
        when 'C$' then 'CAD'
        when 'GBP' then 'GBP'
        when '£' then 'GBP'
        when 'EUR' then 'EUR'
        when '€' then 'EUR'
    end
{%- endmacro %}
