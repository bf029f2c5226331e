{#- The common column list every stg_<source>__postings model returns (docs/architecture.md),
    from a CTE that has the parsed fields: adds posting_id and the plain-text description, trims
    the title, nulls placeholder locations, splits the CTE's location_list (every location the
    posting names, as sent) into locations, and repairs mojibake in title and description. -#}
{% macro staging_posting_columns(parsed) -%}
    {{ parsed }}.raw_record_id,
    {{ parsed }}.batch_id,
    {{ parsed }}.source,
    {{ parsed }}.board,
    {{ posting_key(parsed ~ '.source', parsed ~ '.board', parsed ~ '.source_job_id') }} as posting_id,
    {{ parsed }}.source_job_id,
    {{ parsed }}.company_name,
    trim({{ repair_mojibake(parsed ~ '.title') }}) as title,
    {{ clean_location(parsed ~ '.location') }} as location,
    {{ split_locations(parsed ~ '.location_list') }} as locations,
    {{ repair_mojibake(parsed ~ '.description_html') }} as description_html,
    {{ html_to_text(repair_mojibake(parsed ~ '.description_html')) }} as description_text,
    {{ parsed }}.posted_at,
    {{ parsed }}.updated_at,
    {{ parsed }}.fetched_at,
    {{ parsed }}.loaded_at,
    {{ parsed }}.url,
    {{ parsed }}.department,
    {{ parsed }}.employment_type,
    {{ parsed }}.salary_min,
    {{ parsed }}.salary_max,
    {{ parsed }}.salary_currency,
    {{ parsed }}.salary_interval,
    {{ parsed }}.salary_text
{%- endmacro %}
