{#- Normalised company/board key: lowercase letters and digits only ("Acme-Robotics" = "acme robotics"). -#}
{% macro company_key(expression) -%}
    {{- regex_replace_all('lower(' ~ expression ~ ')', "'[^a-z0-9]'", "''") -}}
{%- endmacro %}
