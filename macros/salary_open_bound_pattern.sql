{#-
    The regex (RE2) that says a single amount is only one bound of the pay ("up to", "from",
    "starting at", "at least", "minimum", "above", ...): matched against the end of the clause
    right before the amount. Returned as the engine's SQL string literal (regex_literal).
-#}
{% macro salary_open_bound_pattern() -%}
    {{ return(adapter.dispatch('salary_open_bound_pattern', 'rolegap')()) }}
{%- endmacro %}

{% macro default__salary_open_bound_pattern() -%}
    {%- set words = [
        'up to', 'upwards of', 'from', 'starting at', 'starting from', 'starts at', 'at least',
        'minimum', 'minimum of', 'min', 'maximum', 'maximum of', 'max', 'in excess of', 'over',
        'above', 'more than', 'less than', 'under', 'below', 'capped at'
    ] -%}
    {%- set pattern -%}
        (?i)\b(?:{{ words | join("|") }})\W*$
    {%- endset -%}
    {{ rolegap.regex_literal(pattern) }}
{%- endmacro %}
