{#- dbt-spark's strategy check (its own macro, overridden here) with rolegap's staging strategy
    new_batches added (macro get_incremental_new_batches_sql; on Spark, dbt_spark_get_incremental_sql).
    The other strategies are checked as dbt-spark 1.11 checks them. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {%- set known = ['append', 'merge', 'insert_overwrite', 'microbatch', 'new_batches'] -%}
    {%- if raw_strategy not in known -%}
        {% do exceptions.raise_compiler_error(
            'Invalid incremental strategy provided: ' ~ raw_strategy ~ '\n    Expected one of: ' ~ known | join(', ')
        ) %}
    {%- elif raw_strategy == 'merge' and file_format not in ['delta', 'iceberg', 'hudi'] -%}
        {% do exceptions.raise_compiler_error(
            'Invalid incremental strategy provided: merge\n    You can only choose this strategy when'
            ~ " file_format is set to 'delta' or 'iceberg' or 'hudi'"
        ) %}
    {%- elif raw_strategy in ['insert_overwrite', 'microbatch'] and target.endpoint -%}
        {% do exceptions.raise_compiler_error(
            'Invalid incremental strategy provided: ' ~ raw_strategy
            ~ "\n    You cannot use this strategy when connecting via endpoint\n    Use the 'append' or 'merge' strategy instead"
        ) %}
    {%- endif -%}
    {% do return(raw_strategy) %}
{% endmacro %}
