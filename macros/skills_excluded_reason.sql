{#- Why a description is left out of the skills sample (null when it is in): no_description
    (none sent, e.g. a Greenhouse list fetched without content) or description_too_short
    (under var('min_description_chars')). Volume, seniority and industry still count it. -#}
{% macro skills_excluded_reason(description_chars) -%}
    case
        when coalesce({{ description_chars }}, 0) = 0 then 'no_description'
        when {{ description_chars }} < {{ var('min_description_chars') }} then 'description_too_short'
    end
{%- endmacro %}
