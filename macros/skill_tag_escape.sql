{#- Literal text as RE2: metacharacters escaped, each whitespace run as `\s+`. -#}
{% macro skill_tag_escape(text) -%}
    {{- return(modules.re.sub('[\t\n\f\r ]+', '\\\\s+', modules.re.sub('([.^$|?*+()\\[\\]{}\\\\])', '\\\\\\1', text))) -}}
{%- endmacro %}
