{#- The HTML entities html_unescape decodes by name, as (entity, text) pairs of SQL-literal-ready text. -#}
{% macro html_entities() -%}
    {{ return([
        ('&lt;', '<'), ('&gt;', '>'), ('&quot;', '"'), ('&#34;', '"'), ('&#39;', "''"), ('&#x27;', "''"),
        ('&apos;', "''"), ('&nbsp;', ' '), ('&#160;', ' '), ('&rsquo;', "''"), ('&lsquo;', "''"),
        ('&#8217;', "''"), ('&ldquo;', '"'), ('&rdquo;', '"'), ('&ndash;', '–'), ('&#8211;', '–'),
        ('&mdash;', '—'), ('&#8212;', '—'), ('&hellip;', '…'), ('&bull;', '•'), ('&pound;', '£'),
        ('&euro;', '€'), ('&#36;', '$'), ('&amp;', '&'),
    ]) }}
{%- endmacro %}
