{#- Decode the HTML entities job boards use. &amp; goes last so that "&amp;lt;" decodes once, to "&lt;". -#}
{% macro html_unescape(expression) -%}
    {%- set entities = [
        ('&lt;', '<'), ('&gt;', '>'), ('&quot;', '"'), ('&#34;', '"'), ('&#39;', "''"), ('&#x27;', "''"),
        ('&apos;', "''"), ('&nbsp;', ' '), ('&#160;', ' '), ('&rsquo;', "''"), ('&lsquo;', "''"),
        ('&#8217;', "''"), ('&ldquo;', '"'), ('&rdquo;', '"'), ('&ndash;', '–'), ('&#8211;', '–'),
        ('&mdash;', '—'), ('&#8212;', '—'), ('&hellip;', '…'), ('&bull;', '•'), ('&pound;', '£'),
        ('&euro;', '€'), ('&#36;', '$'), ('&amp;', '&'),
    ] -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for entity, text in entities -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ entity ~ "', '" ~ text ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
