{#-
    The warehouse relation a skill seed was loaded into, found without ref(): the tagging
    pattern is built by an introspective query at compile time, and inside unit tests ref()
    points at fixture CTEs that cannot be queried. Normally the seed node in the graph says where
    it lives; unit tests get an empty graph, so there the seed folder's custom schema (`seeds`,
    as configured in dbt_project.yml) goes through generate_schema_name like dbt does.
    (Spark relations have no database.) Models that use it keep the lineage with a depends_on comment that refs the seed.
-#}
{% macro skill_seed_relation(seed_name) -%}
    {%- set node = (graph.get('nodes') or {}).get('seed.' ~ project_name ~ '.' ~ seed_name) -%}
    {%- if node -%}
        {{- return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) -}}
    {%- endif -%}
    {{- return(api.Relation.create(
        database=none if target.type == 'spark' else target.database,
        schema=generate_schema_name('seeds', none) | trim,
        identifier=seed_name,
    )) -}}
{%- endmacro %}
