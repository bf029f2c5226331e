{#- Greenhouse's pay_input_ranges (one per pay zone, as sent) as a list with, per range,
    salary_min and salary_max (dollars, from cents), salary_currency (upper case), range_title and
    range_blurb. DuckDB and Spark: a list of structs; Postgres (no anonymous struct arrays): a
    jsonb array of objects with the same keys. Empty when the payload has no such array. -#}
{% macro greenhouse_pay_ranges(payload) -%}
    {{ return(adapter.dispatch('greenhouse_pay_ranges', 'rolegap')(payload)) }}
{%- endmacro %}

{% macro default__greenhouse_pay_ranges(payload) -%}
    list_transform(
        json_extract({{ payload }}, '$.pay_input_ranges[*]'),
        lambda pay_range: {  -- noqa: RF03
            'salary_min': try_cast({{ json_text('pay_range', '$.min_cents') }} as double) / 100,
            'salary_max': try_cast({{ json_text('pay_range', '$.max_cents') }} as double) / 100,
            'salary_currency': upper({{ json_text('pay_range', '$.currency_type') }}),
            'range_title': {{ json_text('pay_range', '$.title') }},
            'range_blurb': {{ json_text('pay_range', '$.blurb') }}
        }
    )
{%- endmacro %}

{% macro postgres__greenhouse_pay_ranges(payload) -%}
    {%- set ranges = "(" ~ payload ~ ")::jsonb #> '{pay_input_ranges}'" -%}
    case when jsonb_typeof({{ ranges }}) = 'array' then coalesce((
        select jsonb_agg(jsonb_build_object(
            'salary_min', {{ safe_cast_number(json_text('pay_range.value', '$.min_cents'), 'double precision') }} / 100,
            'salary_max', {{ safe_cast_number(json_text('pay_range.value', '$.max_cents'), 'double precision') }} / 100,
            'salary_currency', upper({{ json_text('pay_range.value', '$.currency_type') }}),
            'range_title', {{ json_text('pay_range.value', '$.title') }},
            'range_blurb', {{ json_text('pay_range.value', '$.blurb') }}
        ) order by pay_range.range_n)
        from jsonb_array_elements({{ ranges }}) with ordinality as pay_range (value, range_n)
    ), '[]'::jsonb) when {{ payload }} is not null then '[]'::jsonb end
{%- endmacro %}

{% macro spark__greenhouse_pay_ranges(payload) -%}
    transform(
        {{ json_array(payload, '$.pay_input_ranges') }},
        pay_range -> named_struct(
            'salary_min', try_cast({{ json_text('pay_range', '$.min_cents') }} as double) / 100,
            'salary_max', try_cast({{ json_text('pay_range', '$.max_cents') }} as double) / 100,
            'salary_currency', upper({{ json_text('pay_range', '$.currency_type') }}),
            'range_title', {{ json_text('pay_range', '$.title') }},
            'range_blurb', {{ json_text('pay_range', '$.blurb') }}
        )
    )
{%- endmacro %}
