{#-
    A title folded for matching: Unicode lookalike letters (confusables) become the Latin letters
    they imitate, before the title rules run. Covers Lisu capitals (Jane Street's
    "ꓟachine ꓡearning ꓣesearcher"), Cyrillic and Greek lookalikes, fullwidth Latin, no-break
    spaces (to a space), and deletes zero-width characters and soft hyphens. The result is
    lowercased. translate() maps character for character; characters of the first string beyond
    the second's length are deleted.
-#}
{% macro title_fold_confusables(expression) -%}
    lower(translate({{ expression }}, 'ꓐꓑꓒꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴаеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧονιαＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ   ​‌‍⁠﻿­', 'BPdDTGKJCZFMNLSRVHWXYAEIOUaeopcyxijsdqwhlABEKMHOPCTXIJSABEZHIKMNOPTYXoviaABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz   '))
{%- endmacro %}
