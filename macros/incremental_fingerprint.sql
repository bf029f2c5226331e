{#- What the current model's incremental rows were computed from, as one hash: the checksums of the
    model and of every node upstream of it (model and seed files), the SQL of the project's macros,
    the values of every var that code names, and the rows of the relations its
    `meta.recompute_if_changed` lists (model name -> "*" or a column list, e.g. the analysis window's
    bounds). When it differs from the fingerprint recorded at the last build, the incremental
    macros recompute every row: an edited rule seed, macro or var reaches every posting. -#}
{% macro incremental_fingerprint() -%}
    {%- set nodes = graph.get('nodes') or {} -%}
    {%- set parts = [] -%}
    {%- set codes = [] -%}
    {%- set queue = [model.unique_id] -%}
    {%- set walk = namespace(position=0) -%}
    {%- for _ in range(5000) if walk.position < queue | length -%}
        {%- set node = nodes.get(queue[walk.position]) -%}
        {%- set walk.position = walk.position + 1 -%}
        {%- if node -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
            {%- do codes.append(node.raw_code or '') -%}
            {%- for parent in node.depends_on.nodes if parent not in queue -%}
                {%- do queue.append(parent) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set macros = graph.get('macros') or {} -%}
    {%- for macro_id in macros | sort if macros[macro_id].package_name == project_name -%}
        {%- do parts.append(macro_id ~ '=' ~ local_md5(macros[macro_id].macro_sql)) -%}
        {%- do codes.append(macros[macro_id].macro_sql) -%}
    {%- endfor -%}
    {%- set var_names = [] -%}
    {%- for code in codes -%}
        {%- for name in modules.re.findall("var\\(\\s*['\"](\\w+)['\"]", code) if name not in var_names -%}
            {%- do var_names.append(name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for name in var_names | sort -%}
        {%- do parts.append('var.' ~ name ~ '=' ~ tojson(var(name, none))) -%}
    {%- endfor -%}
    {%- set watched = (config.get('meta') or {}).get('recompute_if_changed') or {} -%}
    {%- for name in watched | sort -%}
        {%- set node = nodes.get('model.' ~ project_name ~ '.' ~ name) -%}
        {%- if not node -%}
            {%- do exceptions.raise_compiler_error(
                model.name ~ ": meta.recompute_if_changed names " ~ name ~ ", which is not a model of this project"
            ) -%}
        {%- endif -%}
        {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- set query = 'select ' ~ watched[name] ~ ' from ' ~ relation -%}
        {%- do parts.append('rows.' ~ name ~ '=' ~ run_query(relation_fingerprint(query)).columns[0].values()[0]) -%}
    {%- endfor -%}
    {{- return(local_md5(parts | join('\n'))) -}}
{%- endmacro %}
