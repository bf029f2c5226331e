{#-
    The regex (RE2: no lookaround) that finds one salary mention: a currency-marked amount,
    optionally a second amount after a range separator, an optional trailing ISO code and an
    optional pay interval. Capture groups, in order (names used with regexp_extract):
    currency_1, amount_1, suffix_1, interval_unit_1 ("/hr" right after the first amount),
    currency_2, amount_2, suffix_2, currency_code, interval_unit (after "per", "/", "a", "an"),
    interval_word (annually, monthly, hourly, ...).
    Returned as the engine's SQL string literal (regex_literal).
-#}
{% macro salary_amount_pattern() -%}
    {{ return(adapter.dispatch('salary_amount_pattern', 'rolegap')()) }}
{%- endmacro %}

{% macro default__salary_amount_pattern() -%}
    {%- set currency -%}
        (\b(?:us|sg|ca|c|s)\$|\$|£|€|\b(?:usd|sgd|cad|gbp|eur)\b)
    {%- endset -%}
    {%- set number -%}
        (\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    {%- endset -%}
    {%- set suffix -%}
        (?:\s?(k|mn|m|bn|b|million|billion)\b)?
    {%- endset -%}
    {%- set unit -%}
        (year|yr|annum|hour|hr|month|mo|week|wk|day)\b
    {%- endset -%}
    {%- set separator -%}
        \s*(?:-{1,3}|–|—|−|\bto\b|\band\b)\s*
    {%- endset -%}
    {%- set currency_code -%}
        (?:\s*\b(usd|sgd|cad|gbp|eur)\b)?
    {%- endset -%}
    {%- set interval -%}
        (?:\s*(?:/|\bper\b|\ban?\b|\beach\b)\s*{{ unit }}|\s*\b(annually|annual|yearly|monthly|weekly|daily|hourly|p\.a\.))?
    {%- endset -%}
    {%- set pattern -%}
        (?i){{ currency }}\s?{{ number }}{{ suffix }}(?:\s*/\s*{{ unit }})?(?:{{ separator }}{{ currency }}?\s?{{ number }}{{ suffix }})?{{ currency_code }}{{ interval }}
    {%- endset -%}
    {{ rolegap.regex_literal(pattern) }}
{%- endmacro %}
