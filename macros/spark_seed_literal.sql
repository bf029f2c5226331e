{#- One seed cell as a Spark SQL literal: null for an empty cell, true/false, a number as written,
    anything else (text, dates) quoted with backslashes and quotes escaped (Spark string literals
    read backslash escapes). -#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is sameas true or value is sameas false -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return("'" ~ (value | string).replace('\\', '\\\\').replace("'", "\\'") ~ "'") }}
    {%- endif -%}
{%- endmacro %}
