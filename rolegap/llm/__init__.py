"""LLM skill tagger (`rolegap llm-tag`): an OpenAI-compatible endpoint tags in-scope postings.

Modules: `settings` (endpoint and limits from ROLEGAP_LLM_*), `taxonomy` (skill_taxonomy seed and its
version), `prompt` (messages, JSON schema, token estimate), `client` (chat completions with
retries, backoff, Retry-After, timeouts, rate limit), `validate` (schema, taxonomy, evidence in
the text), `store` (raw tables, cache keys, atomic landing), `run` (`tag_postings`: plan, ask, land).
"""

from rolegap.llm.client import ChatClient, LLMFatalError, LLMTransportError
from rolegap.llm.prompt import PROMPT_VERSION
from rolegap.llm.run import LLMTagError, RunSummary, tag_postings
from rolegap.llm.settings import LLMSettings, SettingsError
from rolegap.llm.store import create_llm_tables

__all__ = [
    "PROMPT_VERSION",
    "ChatClient",
    "LLMFatalError",
    "LLMSettings",
    "LLMTagError",
    "LLMTransportError",
    "RunSummary",
    "SettingsError",
    "create_llm_tables",
    "tag_postings",
]
