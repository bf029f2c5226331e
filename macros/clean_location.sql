{#- A location string with spaces collapsed and trimmed; placeholders (var location_placeholders:
    N/A, LOCATION, ...) and empty strings become null. -#}
{% macro clean_location(expression) -%}
    case
        when lower(trim({{ expression }})) in ({{ sql_list(var('location_placeholders')) }}) then null
        else nullif(trim({{ regex_replace_all(expression, regex_literal('\\s+'), "' '") }}), '')
    end
{%- endmacro %}
