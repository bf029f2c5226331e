{#- Normalised company/board key: lowercase letters and digits only ("Acme-Robotics" = "acme robotics"). -#}
{% macro company_key(expression) -%}
    regexp_replace(lower({{ expression }}), '[^a-z0-9]', '', 'g')
{%- endmacro %}
