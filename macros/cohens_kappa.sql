{#- Cohen's kappa from a 2x2 table of counts; null when undefined (n = 0 or chance agreement = 1). -#}
{% macro cohens_kappa(both, first_only, second_only, neither) -%}
    {%- set n = '(' ~ both ~ ' + ' ~ first_only ~ ' + ' ~ second_only ~ ' + ' ~ neither ~ ')' -%}
    {%- set observed = '(' ~ both ~ ' + ' ~ neither ~ ') / nullif(cast(' ~ n ~ ' as ' ~ type_double() ~ '), 0)' -%}
    {%- set expected -%}
        (
            ({{ both }} + {{ first_only }}) * ({{ both }} + {{ second_only }})
            + ({{ second_only }} + {{ neither }}) * ({{ first_only }} + {{ neither }})
        ) / nullif(cast({{ n }} as {{ type_double() }}) * {{ n }}, 0)
    {%- endset -%}
    ({{ observed }} - {{ expected }}) / nullif(1 - {{ expected }}, 0)
{%- endmacro %}
