"""`rolegap generate`: a deterministic, calibrated reference corpus of raw payloads and a truth file.

Modules: `targets` (the article's figures), `taxonomy` (skill seeds and a reference tagger),
`companies` (the fictional companies and their profiles; the agency seed), `vocab` and `text`
(what ads say), `plan` (calibrated roles per shard), `payloads` (per-ATS JSON shapes), `corpus`
(streaming writer and `generate_corpus`).
"""

from rolegap.generate.corpus import GenerateResult, generate_corpus

__all__ = ["GenerateResult", "generate_corpus"]
