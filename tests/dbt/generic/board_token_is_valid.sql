{#- Fails with one row per value that is not a usable board token: letters, digits, '.', '-' and single
    '_' (no '__', which separates board and date in snapshot file names), starting with a letter or
    digit. The same rule `rolegap fetch` applies to its boards file. The pattern is anchored for a
    full match on every engine; the line feed check is there because Spark's (Java's) `$` also
    matches before a final line feed. -#}
{% test board_token_is_valid(model, column_name) %}

select {{ column_name }} as board
from {{ model }}
where {{ column_name }} is not null
    and (
        not {{ rolegap.regex_matches(column_name, "'^([A-Za-z0-9]([A-Za-z0-9.-]|_[A-Za-z0-9.-])*_?)$'") }}
        or {{ dbt.position("chr(10)", column_name) }} > 0
    )

{% endtest %}
