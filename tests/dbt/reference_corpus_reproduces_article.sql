-- On the reference corpus (var reference_corpus: true) every figure the article states must be
-- reproduced within its tolerance, and the sample sizes exactly. Elsewhere this test selects nothing.
select
    figure_id,
    published_value,
    computed_value,
    tolerance,
    'article figure not reproduced: ' || figure_id || ' published ' || published_value || ', computed '
    || coalesce(cast({{ round_number('computed_value', 2) }} as {{ dbt.type_string() }}), 'null')
    || ' (tolerance ' || tolerance || ')' as problem
from {{ ref('reproduction') }}
where {{ var('reference_corpus') }} and not is_reproduced
