{#- dbt-spark 1.11's incremental SQL by strategy (its own macro, overridden here, its branches as
    they are) with rolegap's staging strategy new_batches added (get_incremental_new_batches_sql). -#}
{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) %}
  {%- if strategy == 'append' -%}
    {#-- insert new records into existing table, without updating or overwriting #}
    {{ get_insert_into_sql(source, target) }}
  {%- elif strategy == 'insert_overwrite' -%}
    {#-- insert statements don't like CTEs, so support them via a temp view #}
    {{ get_insert_overwrite_sql(source, target, existing) }}
  {%- elif strategy == 'microbatch' -%}
    {#-- microbatch wraps insert_overwrite, and requires a partition_by config #}
    {% set missing_partition_key_microbatch_msg -%}
      dbt-spark 'microbatch' incremental strategy requires a `partition_by` config.
      Ensure you are using a `partition_by` column that is of grain {{ config.get('batch_size') }}.
    {%- endset %}

    {%- if not config.get('partition_by') -%}
      {{ exceptions.raise_compiler_error(missing_partition_key_microbatch_msg) }}
    {%- endif -%}
    {{ get_insert_overwrite_sql(source, target, existing) }}
  {%- elif strategy == 'merge' -%}
  {#-- merge all columns for datasources which implement MERGE INTO (e.g. databricks, iceberg) - schema changes are handled for us #}
    {{ get_merge_sql(target, source, unique_key, dest_columns=none, incremental_predicates=incremental_predicates) }}
  {%- elif strategy == 'new_batches' -%}
    {#-- rolegap: the new batches' rows appended; every row replaced when incremental_scope says all.
         Parquet tables take no delete: a half-done earlier build (rows of batches not absorbed) is
         not cleaned here, as get_incremental_new_batches_sql does on DuckDB and Postgres. #}
    {%- if incremental_scope().all -%}
      {{ get_insert_overwrite_sql(source, target, existing) }}
    {%- else -%}
      {{ get_insert_into_sql(source, target) }}
    {%- endif -%}
  {%- else -%}
    {% set no_sql_for_strategy_msg -%}
      No known SQL for the incremental strategy provided: {{ strategy }}
    {%- endset %}
    {%- do exceptions.raise_compiler_error(no_sql_for_strategy_msg) -%}
  {%- endif -%}

{% endmacro %}
