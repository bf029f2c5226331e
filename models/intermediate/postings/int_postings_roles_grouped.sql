-- One requisition posted in several places is one role: same company, normalised title and
-- description fingerprint (letters and digits of the description text, lines stating an amount
-- of money left out). The title drops a
-- trailing place ("Data Scientist - London", "ML Engineer (NYC)") so that copies titled by city
-- still group. Carries every column of int_postings_classified, so the posting grain
-- (int_postings_enriched) reads the classification through this model only.
with

classified as (

    select * from {{ ref('int_postings_classified') }}
    where {{ incremental_postings_filter() }}

),

fingerprinted as (

    select
        classified.*,
        trim({{ regex_replace_all(
            "regexp_replace(lower(classified.title), " ~ regex_literal(
                '\s*[-–|,(/]\s*(new york( city)?|nyc|ny|san francisco|sf|bay area|london|uk|denver|singapore'
                ~ '|remote|hybrid|us|usa|united states|united kingdom)\s*\)?\s*$'
            ) ~ ", '')",
            "'[^a-z0-9+#]+'",
            "' '"
        ) }}) as title_normalized,
        -- Lines that state an amount of money (a location-specific pay paragraph) are left out, so
        -- copies that differ only by their pay line still group.
        md5({{ regex_replace_all(
            regex_replace_all(
                "lower(coalesce(classified.description_text, ''))", regex_literal('[^\\n]*[$£€][ ]?[0-9][^\\n]*'), "''"
            ),
            "'[^a-z0-9]+'",
            "''"
        ) }}) as description_fingerprint
    from classified

),

final as (

    select
        fingerprinted.*,
        md5(
            fingerprinted.company_key
            || '|' || fingerprinted.title_normalized
            || '|' || fingerprinted.description_fingerprint
        ) as role_id
    from fingerprinted

)

select * from final
