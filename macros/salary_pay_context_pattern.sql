{#-
    The regex (RE2) of words that say a nearby money amount is pay: salary, base, pay range,
    compensation, OTE, wage, rate, annual/hourly. A description amount needs one of these near it
    (or a stated pay interval) to count. Returned as the engine's SQL string literal (regex_literal).
-#}
{% macro salary_pay_context_pattern() -%}
    {{ return(adapter.dispatch('salary_pay_context_pattern', 'rolegap')()) }}
{%- endmacro %}

{% macro default__salary_pay_context_pattern() -%}
    {%- set words = [
        'salary', 'salaries', 'base', 'pay', 'paid', 'pays', 'compensation', 'comp', 'ote',
        'on[- ]target', 'earnings', 'wages?', 'remuneration', 'range', 'band', 'rate',
        'annual', 'annually', 'yearly', 'per annum', 'per year', 'per hour', 'hourly'
    ] -%}
    {%- set pattern -%}
        (?i)\b(?:{{ words | join("|") }})\b
    {%- endset -%}
    {{ rolegap.regex_literal(pattern) }}
{%- endmacro %}
