{#- Parts joined by `|`, longest text first, then by text (the order RE2 prefers them in). -#}
{% macro skill_tag_alternation(parts) -%}
    {%- set ordered = parts | sort(attribute='sort_text', case_sensitive=true) | sort(attribute='sort_length') -%}
    {{- return(ordered | map(attribute='part') | join('|')) -}}
{%- endmacro %}
