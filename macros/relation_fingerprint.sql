{#- SQL returning one row, one column `fingerprint`: an order-independent hash of the rows of `query`
    (a relation, or a select statement), with dbt's cross-database hash, concat and listagg. For
    small relations only: it reads every row. -#}
{% macro relation_fingerprint(query) -%}
    {%- set rows_sql -%}
        select * from ({{ query }}) as fingerprinted
    {%- endset -%}
    {%- set fields = [] -%}
    {%- for column in get_columns_in_query(rows_sql) -%}
        {%- if not loop.first -%}{%- do fields.append("'|'") -%}{%- endif -%}
        {%- do fields.append(
            "coalesce(cast(" ~ adapter.quote(column) ~ " as " ~ dbt.type_string() ~ "), '<null>')"
        ) -%}
    {%- endfor -%}
    with

    row_hashes as (
        select {{ dbt.hash(dbt.concat(fields)) }} as row_hash
        from ({{ rows_sql }}) as fingerprinted_rows
    )

    select {{ dbt.hash("coalesce(" ~ dbt.listagg('row_hash', "','", "order by row_hash") ~ ", '')") }} as fingerprint
    from row_hashes
{%- endmacro %}
