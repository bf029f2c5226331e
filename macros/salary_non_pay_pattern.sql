{#-
    The regex (RE2) of words that mark a money amount as something other than pay: funding and
    valuation, revenue, stipends and budgets, retirement contributions, bonuses, equity, perks.
    Matched against the clause right around an amount; a hit vetoes the amount.
    Returned as the engine's SQL string literal (regex_literal).
-#}
{% macro salary_non_pay_pattern() -%}
    {{ return(adapter.dispatch('salary_non_pay_pattern', 'rolegap')()) }}
{%- endmacro %}

{% macro default__salary_non_pay_pattern() -%}
    {%- set words = [
        'raised', 'raise', 'raising', 'funding', 'funded', 'series [a-h]', 'seed', 'round',
        'valuation', 'valued', 'investors?', 'investment', 'backed', 'capital',
        'revenues?', 'arr', 'gmv', 'sales', 'assets', 'aum', 'profits?',
        'stipends?', 'allowances?', 'budgets?', 'reimburse\w*', 'credits?', 'subsid\w*',
        '401', '403b', 'pension', 'retirement', 'match', 'matching', 'contributions?',
        'bonus', 'bonuses', 'relocation', 'referrals?', 'signing', 'sign-on',
        'equity', 'rsus?', 'stock', 'options', 'grants?',
        'learning', 'education', 'educational', 'tuition', 'training', 'conference',
        'wellness', 'wellbeing', 'gym', 'commuter', 'internet', 'phone', 'perks?', 'benefits?',
        'home[- ]office', 'equipment', 'insurance', 'lunch', 'meals?', 'food',
        'donations?', 'prizes?', 'awards?'
    ] -%}
    {%- set pattern -%}
        (?i)\b(?:{{ words | join("|") }})\b
    {%- endset -%}
    {{ rolegap.regex_literal(pattern) }}
{%- endmacro %}
