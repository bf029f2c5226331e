{#-
    One row per opening with its pay range, annualised in the posting's own currency.
    Evidence order: the ATS's structured fields, then the feed's salary_text, then the description.
    Text amounts count only with a currency marker; a description amount also needs pay words
    (or a stated interval) near it, and any amount whose own clause names something that is not
    pay (funding, stipend, 401(k), budget, bonus, revenue, ...) is dropped. The first usable
    candidate in evidence order wins; when none is usable, the first rejected one is reported.
    Rejections: unsupported/missing currency, a single amount that is only one bound
    ("up to $200k", "$150k+"), min > max, an annual value outside the plausible band.
    Salary parsing never looks at the market: USD columns are filled only for USD postings.
-#}

{%- set amount_pattern = salary_amount_pattern() -%}
{%- set annual_floor = var('salary_annual_floor', 20000) -%}
{%- set annual_ceiling = var('salary_annual_ceiling', 2000000) -%}

with

int_postings_deduplicated as (

    select * from {{ ref('int_postings_deduplicated') }}

),

int_postings_located as (

    select * from {{ ref('int_postings_located') }}

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

structured_candidates as (

    -- An ATS sends 0 for "not filled in"; a single filled bound is a single value (min = max).
    select
        posting_id,
        'structured' as salary_source,
        1 as source_priority,
        1 as candidate_n,
        false as is_open_ended,
        'salary_min=' || coalesce(cast(salary_min as varchar), 'null')
        || ' salary_max=' || coalesce(cast(salary_max as varchar), 'null')
        || ' salary_currency=' || coalesce(salary_currency, 'null')
        || ' salary_interval=' || coalesce(salary_interval, 'null') as salary_evidence,
        nullif(trim(salary_currency), '') as currency_as_sent,
        {{ salary_currency_code('salary_currency') }} as salary_currency,
        {{ pay_interval_normalise('salary_interval') }} as interval_stated,
        coalesce(nullif(salary_min, 0), nullif(salary_max, 0)) as amount_min,
        coalesce(nullif(salary_max, 0), nullif(salary_min, 0)) as amount_max
    from int_postings_deduplicated
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

text_matched as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        field_text,
        regexp_extract_all(field_text, {{ amount_pattern }}) as matched_texts
    from text_fields

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
        regexp_split_to_array(field_text, {{ amount_pattern }}) as between_texts
    from text_matched
    where len(matched_texts) > 0

),

text_candidates as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        matched_texts,
        between_texts,
        unnest(range(1, len(matched_texts) + 1)) as candidate_n
    from text_split

),

text_candidates_parsed as (

    select
        posting_id,
        salary_source,
        source_priority,
        needs_pay_context,
        candidate_n,
        trim(matched_texts[candidate_n]) as salary_evidence,
        right(between_texts[candidate_n], 80) as text_before,
        left(between_texts[candidate_n + 1], 60) as text_after,
        -- unnest turns the struct of named groups into one column per group
        unnest(regexp_extract(
            matched_texts[candidate_n],
            {{ amount_pattern }},
            [
                'currency_1', 'amount_1', 'suffix_1', 'interval_unit_1',
                'currency_2', 'amount_2', 'suffix_2',
                'currency_code', 'interval_unit', 'interval_word'
            ]
        ))
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
        regexp_matches(
            lower(coalesce(suffix_1, '') || ' ' || coalesce(suffix_2, '')),
            '\b(m|mn|million|b|bn|billion)\b'
        ) as is_millions
    from text_candidates_read

),

text_candidates_in_context as (

    -- The clause around an amount: cut at sentence punctuation, commas, brackets and
    -- "plus / and / with / or / including", so "$150k base plus bonus" keeps its base.
    select
        *,
        regexp_replace(
            right(text_before, 60),
            '(?is)^.*(\bplus\b|\band\b|\bwith\b|\bor\b|[.;!?,+()\n•|])',
            ''
        ) as clause_before,
        regexp_replace(
            left(text_after, 40),
            '(?is)(\bplus\b|\band\b|\bwith\b|\bor\b|\bincluding\b|[.;!?,+(\n•|]).*$',
            ''
        ) as clause_after
    from text_candidates_valued

),

text_candidates_judged as (

    select
        *,
        is_millions
        or regexp_matches(clause_before || ' | ' || clause_after, {{ salary_non_pay_pattern() }})
            as is_non_pay,
        interval_stated is not null
        or regexp_matches(text_before || ' | ' || text_after, {{ salary_pay_context_pattern() }})
            as has_pay_context,
        -- "up to $200,000", "from $150k", "$150,000+", "$150k or more": one bound only.
        amount_2 is null
        and (
            regexp_matches(clause_before, {{ salary_open_bound_pattern() }})
            or regexp_matches(text_after, '(?i)^(\+|\s*(or more|or above|and up|and above)\b)')
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
        text_candidates_judged.is_open_ended,
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
        is_open_ended,
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
        is_open_ended,
        amount_min,
        amount_max
    from text_candidates_kept

),

candidates_annualised as (

    -- No stated interval means a yearly figure; implausible results are rejected below.
    select
        posting_id,
        salary_source,
        source_priority,
        candidate_n,
        salary_evidence,
        currency_as_sent,
        salary_currency,
        coalesce(interval_stated, 'year') as salary_interval,
        is_open_ended,
        amount_min,
        amount_max,
        amount_min * {{ pay_interval_multiplier("coalesce(interval_stated, 'year')") }} as annual_min,
        amount_max * {{ pay_interval_multiplier("coalesce(interval_stated, 'year')") }} as annual_max
    from candidates

),

candidates_checked as (

    select
        *,
        case
            when salary_currency is null and currency_as_sent is not null then 'unsupported_currency'
            when salary_currency is null then 'missing_currency'
            when is_open_ended then 'open_ended_range'
            when amount_min > amount_max then 'min_greater_than_max'
            when annual_min < {{ annual_floor }} or annual_max > {{ annual_ceiling }}
                then 'implausible_annual_value'
        end as salary_rejected_reason
    from candidates_annualised

),

candidates_ranked as (

    select
        *,
        row_number() over (
            partition by posting_id
            order by salary_rejected_reason is null desc, source_priority asc, candidate_n asc
        ) as candidate_rank
    from candidates_checked

),

best_candidates as (

    -- A rejected candidate keeps its source, evidence, currency and interval but no amounts.
    select
        posting_id,
        salary_source,
        salary_evidence,
        salary_currency,
        salary_interval,
        salary_rejected_reason,
        case when salary_rejected_reason is null then annual_min end as salary_min_annual,
        case when salary_rejected_reason is null then annual_max end as salary_max_annual,
        case
            when salary_rejected_reason is null and salary_currency = 'USD' then annual_min
        end as salary_min_usd,
        case
            when salary_rejected_reason is null and salary_currency = 'USD' then annual_max
        end as salary_max_usd,
        salary_rejected_reason is null as has_salary
    from candidates_ranked
    where candidate_rank = 1

),

final as (

    select
        int_postings_deduplicated.posting_id,
        best_candidates.salary_source,
        best_candidates.salary_evidence,
        best_candidates.salary_currency,
        best_candidates.salary_interval,
        best_candidates.salary_min_annual,
        best_candidates.salary_max_annual,
        best_candidates.salary_min_usd,
        best_candidates.salary_max_usd,
        best_candidates.salary_rejected_reason,
        coalesce(best_candidates.has_salary, false) as has_salary
    from int_postings_deduplicated
    left join best_candidates
        on int_postings_deduplicated.posting_id = best_candidates.posting_id

)

select * from final
