{#- sha256 of a text's UTF-8 bytes, as lowercase hex: the key `rolegap llm-tag` caches answers by. -#}
{% macro text_sha256(expression) -%}
    {{ return(adapter.dispatch('text_sha256')(expression)) }}
{%- endmacro %}

{% macro default__text_sha256(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro duckdb__text_sha256(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro postgres__text_sha256(expression) -%}
    encode(sha256(convert_to({{ expression }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro snowflake__text_sha256(expression) -%}
    lower(sha2({{ expression }}, 256))
{%- endmacro %}

{% macro bigquery__text_sha256(expression) -%}
    to_hex(sha256({{ expression }}))
{%- endmacro %}

{% macro spark__text_sha256(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}
