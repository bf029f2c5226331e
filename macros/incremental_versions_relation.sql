{#- The relation holding every landed payload version with its posting_id and batch_id
    (int_postings_unioned), from which incremental posting-grain models learn which postings a load
    batch changed. Found in the graph rather than by ref(): a model's unit tests mock only its own
    inputs, and the incremental macros read it only in incremental runs, after the model's upstream
    has been built. -#}
{% macro incremental_versions_relation() -%}
    {%- set node = (graph.get('nodes') or {}).get('model.' ~ project_name ~ '.int_postings_unioned') -%}
    {%- if not node -%}
        {%- do exceptions.raise_compiler_error("incremental_versions_relation: no model int_postings_unioned") -%}
    {%- endif -%}
    {{- return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) -}}
{%- endmacro %}
