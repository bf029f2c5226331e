"""Where the model is and how hard to push it: environment variables, overridable by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"  # llama.cpp's llama-server default


class SettingsError(ValueError):
    """A setting is missing or malformed; one line naming the variable."""


@dataclass(frozen=True)
class LLMSettings:
    base_url: str = DEFAULT_BASE_URL
    api_key: str | None = None
    model: str = ""
    timeout_seconds: float = 120.0
    max_concurrency: int = 2
    requests_per_minute: float = 60.0
    max_retries: int = 4  # transport retries per request (429, 5xx, timeouts, refused connections)
    backoff_seconds: float = 1.0  # first backoff; doubles per retry, capped at max_backoff_seconds
    max_backoff_seconds: float = 60.0
    price_per_million_prompt_tokens: float = 0.0  # for the cost estimate (0: a local model)
    price_per_million_completion_tokens: float = 0.0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> LLMSettings:
        env = dict(os.environ if env is None else env)
        settings = cls(
            base_url=env.get("ROLEGAP_LLM_BASE_URL", DEFAULT_BASE_URL).rstrip("/"),
            api_key=env.get("ROLEGAP_LLM_API_KEY") or None,
            model=env.get("ROLEGAP_LLM_MODEL", ""),
        )
        numbers = {
            "ROLEGAP_LLM_TIMEOUT": "timeout_seconds",
            "ROLEGAP_LLM_CONCURRENCY": "max_concurrency",
            "ROLEGAP_LLM_RPM": "requests_per_minute",
            "ROLEGAP_LLM_PRICE_IN": "price_per_million_prompt_tokens",
            "ROLEGAP_LLM_PRICE_OUT": "price_per_million_completion_tokens",
        }
        for variable, name in numbers.items():
            if env.get(variable):
                try:
                    value: float = float(env[variable])
                except ValueError:
                    raise SettingsError(f"{variable}={env[variable]!r} is not a number") from None
                settings = replace(settings, **{name: int(value) if name == "max_concurrency" else value})
        return settings

    def with_model(self, model: str | None) -> LLMSettings:
        return replace(self, model=model) if model else self

    def check(self) -> None:
        if not self.model:
            raise SettingsError("no model: set ROLEGAP_LLM_MODEL or pass --model")
        if not self.base_url.startswith(("http://", "https://")):
            raise SettingsError(f"ROLEGAP_LLM_BASE_URL={self.base_url!r} is not an http(s) URL")
        if self.max_concurrency < 1 or self.requests_per_minute <= 0 or self.timeout_seconds <= 0:
            raise SettingsError("concurrency, requests per minute and timeout must be positive")
