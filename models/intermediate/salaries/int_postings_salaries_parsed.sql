{#-
    One row per opening with its pay range, annualised in the posting's own currency.
    Evidence order: the ATS's structured fields (a Greenhouse posting's pay zone, from
    stg_greenhouse__pay_ranges: the range titled after its location, else the first), then the feed's salary_text, then the description.
    Text amounts count only with a currency marker; a description amount also needs pay words
    (or a stated interval) near it, and any amount whose own clause names something that is not
    pay (funding, stipend, 401(k), budget, bonus, revenue, ...) is dropped. The first usable
    candidate in evidence order wins; when none is usable, the first rejected one is reported.
    Text is normalised first: a missing separator ("$200,000$280,000") gets one, and a
    min–mid–max range keeps its min and max. Pay words may sit up to 300 characters before an
    amount (a pay paragraph, then the range on its own line). An amount without a stated interval
    that is implausible as a yearly figure takes the interval stated nearest before it
    ("listed per hour below"). Several accepted ranges from one source are tiers (by location or
    zone): the tier whose label names the posting's city wins, else the lowest minimum and the
    highest maximum. A single amount that is one bound ("up to $200k", "from $150k") keeps that
    bound and leaves the other null (the salary sample needs both). Amounts introduced as total
    or variable pay (OTE, commission) are not base pay.
    Rejections: unsupported/missing currency, min > max, an annual value outside the plausible band.
    Salary parsing never looks at the market: USD columns are filled only for USD postings.
-#}

{%- set amount_pattern = salary_amount_pattern() -%}
{%- set annual_floor = var('salary_annual_floor', 20000) -%}
{%- set annual_ceiling = var('salary_annual_ceiling', 2000000) -%}
{%- set nearby_interval_pattern -%}
    (?:\bper\s+|/\s*|\ban?\s+)(?:hour|year|annum|month|week|day)\b|\b(?:hourly|annually|yearly|monthly|weekly|daily)\b
{%- endset -%}
{#- Regexes in RE2 syntax; regex_literal writes each as the engine's SQL literal. -#}
{%- set missing_separator_pattern -%}
    (\d)(\$\d)
{%- endset -%}
{%- set three_amount_range_pattern -%}
    (\$\s?\d[\d,.]*k?)\s*(?:-{1,3}|–|—)\s*\$\s?\d[\d,.]*k?\s*((?:-{1,3}|–|—)\s*\$\s?\d[\d,.]*k?)
{%- endset -%}
{%- set clause_start_pattern -%}
    (?is)^.*(\bplus\b|\band\b|\bwith\b|\bor\b|[.;!?,+()\n•|])
{%- endset -%}
{%- set clause_end_pattern -%}
    (?is)(\bplus\b|\band\b|\bwith\b|\bor\b|\bincluding\b|[.;!?,+(\n•|]).*$
{%- endset -%}

with

int_postings_deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}
    where {{ incremental_postings_filter() }}

),

int_postings_located as (

    select * from {{ ref('int_postings_located') }}
    where {{ incremental_postings_filter() }}

),

stg_greenhouse__pay_ranges as (

    select * from {{ ref('stg_greenhouse__pay_ranges') }}

),

bare_dollar_currencies as (

    -- What a bare "$" means depends on where the job is: USD in the US (and where the country
    -- is unknown), SGD in Singapore, CAD in Canada; elsewhere it is ambiguous (unsupported_currency).
    select
        int_postings_located.posting_id,
        case int_postings_located.country
            when 'us' then 'USD'
            when 'unknown' then 'USD'
            when 'sg' then 'SGD'
            when 'ca' then 'CAD'
        end as bare_dollar_currency
    from int_postings_located

),

pay_ranges as (

    -- Greenhouse lists one pay range per pay zone (staging keeps them all, one row each).
    select
        int_postings_deduplicated.posting_id,
        stg_greenhouse__pay_ranges.range_n,
        stg_greenhouse__pay_ranges.salary_min,
        stg_greenhouse__pay_ranges.salary_max,
        stg_greenhouse__pay_ranges.salary_currency,
        stg_greenhouse__pay_ranges.range_title,
        stg_greenhouse__pay_ranges.range_blurb,
        coalesce(
            {{ dbt.position(
                "lower(nullif(trim(stg_greenhouse__pay_ranges.range_title), ''))",
                "lower(coalesce(int_postings_deduplicated.location, ''))"
            ) }} > 0,
            false
        ) as names_location
    from int_postings_deduplicated
    inner join stg_greenhouse__pay_ranges
        on int_postings_deduplicated.raw_record_id = stg_greenhouse__pay_ranges.raw_record_id

),

pay_zones as (

    -- The posting's zone: the first range whose title names its location ("New York" for
    -- "New York, NY"), else the first.
    select
        posting_id,
        salary_min,
        salary_max,
        salary_currency,
        range_title,
        range_blurb,
        row_number() over (partition by posting_id order by names_location desc, range_n asc) as zone_rank
    from pay_ranges

),

structured_fields as (

    -- The structured pay an ATS sent: its one range, or the chosen Greenhouse pay zone (which
    -- carries no interval field: annual unless its title or blurb says hourly).
    select
        int_postings_deduplicated.posting_id,
        int_postings_deduplicated.salary_min,
        int_postings_deduplicated.salary_max,
        int_postings_deduplicated.salary_currency,
        int_postings_deduplicated.salary_interval
    from int_postings_deduplicated
    where int_postings_deduplicated.posting_id not in (select pay_ranges.posting_id from pay_ranges)

    union all

    select
        posting_id,
        salary_min,
        salary_max,
        salary_currency,
        case
            when lower(coalesce(range_title, '') || ' ' || coalesce(range_blurb, '')) like '%hour%' then 'hour'
            else 'year'
        end as salary_interval
    from pay_zones
    where zone_rank = 1

),

structured_candidates as (

    -- An ATS sends 0 for "not filled in"; a single filled bound is a single value (min = max).
    -- Intervals arrive normalised (macro pay_interval_normalise, in staging).
    select
        posting_id,
        'structured' as salary_source,
        1 as source_priority,
        1 as candidate_n,
        false as is_open_ended,
        false as is_upper_bound_only,
        cast(null as {{ dbt.type_string() }}) as interval_nearby,
        cast(null as {{ dbt.type_string() }}) as tier_label,
        'salary_min=' || coalesce({{ number_text('salary_min') }}, 'null')
        || ' salary_max=' || coalesce({{ number_text('salary_max') }}, 'null')
        || ' salary_currency=' || coalesce(salary_currency, 'null')
        || ' salary_interval=' || coalesce(salary_interval, 'null') as salary_evidence,
        nullif(trim(salary_currency), '') as currency_as_sent,
        {{ salary_currency_code('salary_currency') }} as salary_currency,
        salary_interval as interval_stated,
        coalesce(nullif(salary_min, 0), nullif(salary_max, 0)) as amount_min,
        coalesce(nullif(salary_max, 0), nullif(salary_min, 0)) as amount_max
    from structured_fields
    where coalesce(nullif(salary_min, 0), nullif(salary_max, 0)) is not null

),

text_fields as (

    select
        posting_id,
        'salary_text' as salary_source,
        2 as source_priority,
        false as needs_pay_context,
        salary_text as field_text
    from int_postings_deduplicated
    where salary_text is not null

    union all

    select
        posting_id,
        'description' as salary_source,
        3 as source_priority,
        true as needs_pay_context,
        description_text as field_text
    from int_postings_deduplicated
    where description_text is not null

),

text_normalised as (

    -- "$200,000$280,000" -> "$200,000 - $280,000"; "$134,000 - $178,000 - $223,000" (min, mid,
    -- max) -> "$134,000 - $223,000".
    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        {{ regex_replace_all_groups(
            regex_replace_all_groups('field_text', regex_literal(missing_separator_pattern), '\\1 - \\2'),
            regex_literal(three_amount_range_pattern),
            '\\1 \\2'
        ) }} as field_text
    from text_fields

),

text_matched as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        field_text,
        {{ regex_extract_all('field_text', amount_pattern) }} as matched_texts
    from text_normalised

),

text_split as (

    -- Splitting on the same pattern gives the text between matches:
    -- between_texts[n] precedes matched_texts[n] and between_texts[n + 1] follows it.
    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        matched_texts,
        {{ regex_split('field_text', amount_pattern) }} as between_texts,
        field_text
    from text_matched
    where {{ list_length('matched_texts') }} > 0

),

text_candidates as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        matched_texts,
        between_texts,
        field_text,
        {{ unnest_with_index('matched_texts', 'matched_text', 'candidate_n') }}
    from text_split

),

text_candidates_parsed as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        candidate_n,
        trim(matched_text) as salary_evidence,
        right({{ list_element('between_texts', 'candidate_n') }}, 80) as text_before,
        left({{ list_element('between_texts', 'candidate_n + 1') }}, 60) as text_after,
        -- the 300 characters of the whole text before the amount (across earlier amounts)
        right(
            left(
                field_text,
                length({{ list_prefix_text('between_texts', 'candidate_n') }})
                + length({{ list_prefix_text('matched_texts', 'candidate_n - 1') }})
            ),
            300
        ) as context_before,
        -- what names this amount's tier: the text since the previous amount (at most 150 chars)
        right({{ list_element('between_texts', 'candidate_n') }}, 150) as tier_label,
        -- one column per capture group of the amount pattern
        {{ regex_extract_groups('matched_text', amount_pattern, [
            'currency_1', 'amount_1', 'suffix_1', 'interval_unit_1',
            'currency_2', 'amount_2', 'suffix_2',
            'currency_code', 'interval_unit', 'interval_word'
        ]) }}
    from text_candidates

),

text_candidates_read as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        candidate_n,
        salary_evidence,
        text_before,
        text_after,
        context_before,
        tier_label,
        nullif(currency_1, '') as currency_1,
        nullif(amount_1, '') as amount_1_text,
        nullif(suffix_1, '') as suffix_1,
        nullif(currency_2, '') as currency_2,
        nullif(amount_2, '') as amount_2_text,
        nullif(suffix_2, '') as suffix_2,
        nullif(currency_code, '') as currency_code,
        coalesce(
            {{ pay_interval_normalise("nullif(interval_unit, '')") }},
            {{ pay_interval_normalise("nullif(interval_word, '')") }},
            {{ pay_interval_normalise("nullif(interval_unit_1, '')") }}
        ) as interval_stated,
        -- the pay interval stated nearest before the amount ("the pay range is listed per hour below")
        {{ pay_interval_normalise(regex_replace_all(
            regex_extract_last('lower(context_before)', regex_literal(nearby_interval_pattern)),
            regex_literal('^(?:per\\s+|an?\\s+|/\\s*)'),
            "''"
        )) }} as interval_nearby,
        case
            when {{ salary_parse_amount("nullif(amount_1, '')", 'null') }} < 1000
                then nullif(suffix_2, '')
        end as borrowed_suffix
    from text_candidates_parsed

),

text_candidates_valued as (

    -- "$150-200k": a first number under 1,000 without a suffix borrows the second one's.
    select
        *,
        {{ salary_parse_amount('amount_1_text', 'coalesce(suffix_1, borrowed_suffix)') }} as amount_1,
        {{ salary_parse_amount('amount_2_text', 'suffix_2') }} as amount_2,
        {{ regex_matches(
            "lower(coalesce(suffix_1, '') || ' ' || coalesce(suffix_2, ''))",
            regex_literal('\\b(m|mn|million|b|bn|billion)\\b')
        ) }} as is_millions
    from text_candidates_read

),

text_candidates_in_context as (

    -- The clause around an amount: cut at sentence punctuation, commas, brackets and
    -- "plus / and / with / or / including", so "$150k base plus bonus" keeps its base.
    select
        *,
        {{ regex_replace_all('right(text_before, 60)', regex_literal(clause_start_pattern), "''") }} as clause_before,
        {{ regex_replace_all('left(text_after, 40)', regex_literal(clause_end_pattern), "''") }} as clause_after
    from text_candidates_valued

),

text_candidates_judged as (

    select
        *,
        is_millions
        or {{ regex_matches("clause_before || ' | ' || clause_after", salary_non_pay_pattern()) }}
        -- "salary and variable compensation ... is $140,000 - $220,000": total pay, not base
        or {{ regex_matches('text_before', regex_literal(
            '(?i)\\b(?:variable (?:compensation|pay)|ote|on[- ]target earnings|commissions?)\\b'
        )) }} as is_non_pay,
        interval_stated is not null
        or {{ regex_matches("context_before || ' | ' || text_after", salary_pay_context_pattern()) }}
            as has_pay_context,
        -- "up to $200,000", "from $150k", "$150,000+", "$150k or more": one bound only.
        amount_2 is null
        and (
            {{ regex_matches('clause_before', salary_open_bound_pattern()) }}
            or {{ regex_matches('text_after', regex_literal('(?i)^(\\+|\\s*(or more|or above|and up|and above)\\b)')) }}
        ) as is_open_ended
    from text_candidates_in_context

),

text_candidates_kept as (

    -- A second number without its own currency or suffix that is smaller than the first
    -- ("$150,000 and 25 days of leave") is not the top of a range: the amount is a single value.
    select
        text_candidates_judged.posting_id,
        text_candidates_judged.salary_source,
        text_candidates_judged.source_priority,
        text_candidates_judged.candidate_n,
        text_candidates_judged.salary_evidence,
        coalesce(text_candidates_judged.currency_1, text_candidates_judged.currency_code) as currency_as_sent,
        coalesce(
            {{ salary_currency_code('text_candidates_judged.currency_1') }},
            {{ salary_currency_code('text_candidates_judged.currency_code') }},
            {{ salary_currency_code('text_candidates_judged.currency_2') }},
            case
                when text_candidates_judged.currency_1 = '$' and bare_dollar_currencies.posting_id is null then 'USD'
                when text_candidates_judged.currency_1 = '$' then bare_dollar_currencies.bare_dollar_currency
            end
        ) as salary_currency,
        text_candidates_judged.interval_stated,
        text_candidates_judged.interval_nearby,
        text_candidates_judged.tier_label,
        text_candidates_judged.is_open_ended,
        -- "up to $X", "under $X": X is the maximum; "from $X", "$X+": X is the minimum
        text_candidates_judged.is_open_ended
        and {{ regex_matches('text_candidates_judged.clause_before', regex_literal(
            '(?i)\\b(?:up to|upwards of|maximum|maximum of|max|less than|under|below|capped at)\\W*$'
        )) }} as is_upper_bound_only,
        text_candidates_judged.amount_1 as amount_min,
        case
            when
                text_candidates_judged.amount_2 is not null
                and (
                    text_candidates_judged.currency_2 is not null
                    or text_candidates_judged.suffix_2 is not null
                    or text_candidates_judged.amount_2 >= text_candidates_judged.amount_1
                )
                then text_candidates_judged.amount_2
            else text_candidates_judged.amount_1
        end as amount_max
    from text_candidates_judged
    left join bare_dollar_currencies
        on text_candidates_judged.posting_id = bare_dollar_currencies.posting_id
    where
        not text_candidates_judged.is_non_pay
        and (text_candidates_judged.has_pay_context or not text_candidates_judged.needs_pay_context)

),

candidates as (

    select
        posting_id,
        salary_source,
        source_priority,
        candidate_n,
        salary_evidence,
        currency_as_sent,
        salary_currency,
        interval_stated,
        interval_nearby,
        tier_label,
        is_open_ended,
        is_upper_bound_only,
        amount_min,
        amount_max
    from structured_candidates

    union all

    select
        posting_id,
        salary_source,
        source_priority,
        candidate_n,
        salary_evidence,
        currency_as_sent,
        salary_currency,
        interval_stated,
        interval_nearby,
        tier_label,
        is_open_ended,
        is_upper_bound_only,
        amount_min,
        amount_max
    from text_candidates_kept

),

candidates_interval as (

    -- No stated interval means a yearly figure, unless that is implausible and the interval
    -- stated nearest before the amount makes it plausible ("per hour" on the line above $40—$60).
    select
        *,
        coalesce(
            interval_stated,
            case
                when
                    amount_max < {{ annual_floor }}
                    and amount_min * {{ pay_interval_multiplier('interval_nearby') }} >= {{ annual_floor }}
                    and amount_max * {{ pay_interval_multiplier('interval_nearby') }} <= {{ annual_ceiling }}
                    then interval_nearby
            end,
            'year'
        ) as salary_interval
    from candidates

),

candidates_annualised as (

    -- An open bound keeps the amount stated as its one bound: "up to $X" is the maximum.
    select
        posting_id,
        salary_source,
        source_priority,
        candidate_n,
        salary_evidence,
        currency_as_sent,
        salary_currency,
        salary_interval,
        tier_label,
        is_open_ended,
        amount_min,
        amount_max,
        case
            when not is_upper_bound_only then amount_min * {{ pay_interval_multiplier('salary_interval') }}
        end as annual_min,
        case
            when not is_open_ended or is_upper_bound_only
                then amount_max * {{ pay_interval_multiplier('salary_interval') }}
        end as annual_max
    from candidates_interval

),

candidates_checked as (

    select
        *,
        case
            when salary_currency is null and currency_as_sent is not null then 'unsupported_currency'
            when salary_currency is null then 'missing_currency'
            when amount_min > amount_max then 'min_greater_than_max'
            when
                coalesce(annual_min, annual_max) < {{ annual_floor }}
                or coalesce(annual_max, annual_min) > {{ annual_ceiling }}
                then 'implausible_annual_value'
        end as salary_rejected_reason
    from candidates_annualised

),

candidates_ranked as (

    -- Usable first, then the best source, then a full range before an open bound, then text order.
    select
        *,
        row_number() over (
            partition by posting_id
            order by salary_rejected_reason is null desc, source_priority asc, is_open_ended asc, candidate_n asc
        ) as candidate_rank
    from candidates_checked

),

best_candidates as (

    select * from candidates_ranked
    where candidate_rank = 1

),

tiers as (

    -- The other usable full ranges of the winning source and currency: pay tiers by location or zone.
    select
        candidates_checked.posting_id,
        candidates_checked.annual_min,
        candidates_checked.annual_max,
        {{ dbt.position(
            "lower(trim(split_part(int_postings_deduplicated.location, ',', 1)))",
            'lower(candidates_checked.tier_label)'
        ) }} > 0
        and length(trim(split_part(int_postings_deduplicated.location, ',', 1))) >= 4
        and lower(trim(split_part(int_postings_deduplicated.location, ',', 1))) not in (
            'remote', 'united states', 'anywhere', 'worldwide'
        ) as names_location
    from candidates_checked
    inner join best_candidates
        on
            candidates_checked.posting_id = best_candidates.posting_id
            and candidates_checked.salary_source = best_candidates.salary_source
            and candidates_checked.salary_currency = best_candidates.salary_currency
    inner join int_postings_deduplicated
        on candidates_checked.posting_id = int_postings_deduplicated.posting_id
    where
        candidates_checked.salary_rejected_reason is null
        and not candidates_checked.is_open_ended
        and not best_candidates.is_open_ended
        and best_candidates.salary_rejected_reason is null

),

tier_ranges as (

    -- One tier: itself. Several: the one naming the posting's city, else the lowest minimum and highest maximum.
    select
        posting_id,
        count(*) as tiers_n,
        coalesce(min(annual_min) filter (where names_location), min(annual_min)) as annual_min,
        coalesce(max(annual_max) filter (where names_location), max(annual_max)) as annual_max
    from tiers
    group by posting_id

),

best_ranges as (

    -- A rejected candidate keeps its source, evidence, currency and interval but no amounts.
    select
        best_candidates.posting_id,
        best_candidates.salary_source,
        best_candidates.salary_evidence,
        best_candidates.salary_currency,
        best_candidates.salary_interval,
        best_candidates.salary_rejected_reason,
        case
            when best_candidates.salary_rejected_reason is null
                then coalesce(tier_ranges.annual_min, best_candidates.annual_min)
        end as salary_min_annual,
        case
            when best_candidates.salary_rejected_reason is null
                then coalesce(tier_ranges.annual_max, best_candidates.annual_max)
        end as salary_max_annual,
        best_candidates.salary_rejected_reason is null as has_salary
    from best_candidates
    left join tier_ranges
        on best_candidates.posting_id = tier_ranges.posting_id

),

ranges_in_usd as (

    -- Amounts are never converted: the USD columns hold the annual range of USD postings only.
    select
        *,
        case when salary_currency = 'USD' then salary_min_annual end as salary_min_usd,
        case when salary_currency = 'USD' then salary_max_annual end as salary_max_usd
    from best_ranges

),

final as (

    select
        int_postings_deduplicated.posting_id,
        ranges_in_usd.salary_source,
        ranges_in_usd.salary_evidence,
        ranges_in_usd.salary_currency,
        ranges_in_usd.salary_interval,
        ranges_in_usd.salary_min_annual,
        ranges_in_usd.salary_max_annual,
        ranges_in_usd.salary_min_usd,
        ranges_in_usd.salary_max_usd,
        ranges_in_usd.salary_rejected_reason,
        coalesce(ranges_in_usd.has_salary, false) as has_salary
    from int_postings_deduplicated
    left join ranges_in_usd
        on int_postings_deduplicated.posting_id = ranges_in_usd.posting_id

)

select * from final
