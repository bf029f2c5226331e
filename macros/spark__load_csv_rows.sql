{#- dbt-spark's seed insert with the values written as SQL literals (spark_seed_literal) instead of
    its bindings: in session mode those are pasted in as '<value>' unescaped, so a value with a
    quote breaks the statement, a backslash (the seeds' regexes: \b) is read as an escape and an
    empty cell becomes the string 'None'. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set types = [] %}
    {% for col_name in agate_table.column_names %}
        {% set inferred_type = adapter.convert_type(agate_table, loop.index0) %}
        {% do types.append(rolegap.spark_seed_column_type(column_override.get(col_name, inferred_type))) %}
    {% endfor %}

    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ rolegap.spark_seed_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}

    {# The first batch's SQL, rendered into the compiled files as dbt-spark does. #}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
