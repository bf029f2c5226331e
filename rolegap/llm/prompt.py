"""What the model is asked, and the JSON schema its answer must follow.

Change PROMPT_VERSION whenever the messages or the schema change: the cache key includes it, so
the next run asks again instead of reusing answers to a different question.
"""

from __future__ import annotations

import json
from typing import Any

from rolegap.llm.taxonomy import Taxonomy

PROMPT_VERSION = "skills-v1"
CHARS_PER_TOKEN = 4  # rough English average, for the estimate printed before a run starts
ANSWER_TOKENS_ESTIMATE = 250  # a typical answer: ~10 skills with short spans

SYSTEM = (
    "You tag job postings with the skills they ask candidates for. Use only skills from the "
    "taxonomy, by their `skill` name. For each skill give `evidence`: a short span copied "
    "exactly, character for character, from the posting text, that shows the posting asks for "
    "it. Leave out skills the posting only mentions as not required, the company's products, or "
    "words that merely look like a skill name. Answer with JSON only."
)


def taxonomy_block(taxonomy: Taxonomy) -> str:
    return "\n".join(f"- {s.skill} ({s.display_name}): {s.description}" for s in taxonomy.skills)


def build_messages(description: str, taxonomy: Taxonomy) -> list[dict[str, str]]:
    user = (
        "Taxonomy (skill name, display name, definition):\n"
        f"{taxonomy_block(taxonomy)}\n\n"
        'Answer as {"skills": [{"skill": "<skill name>", "evidence": "<exact span>"}]}; '
        'an empty list when it asks for none.\n\n'
        f"Posting text:\n<<<\n{description}\n>>>"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def correction_message(answer: str, problem: str) -> list[dict[str, str]]:
    """The one retry after an invalid answer: the answer as given, then what was wrong with it."""
    return [
        {"role": "assistant", "content": answer},
        {"role": "user", "content": f"That answer is invalid: {problem}. Answer again, JSON only."},
    ]


def response_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """JSON schema of a valid answer (skill names restricted to the taxonomy)."""
    return {
        "type": "object",
        "properties": {
            "skills": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "skill": {"type": "string", "enum": sorted(taxonomy.names)},
                        "evidence": {"type": "string", "minLength": 1},
                    },
                    "required": ["skill", "evidence"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["skills"],
        "additionalProperties": False,
    }


def response_format(taxonomy: Taxonomy) -> dict[str, Any]:
    """OpenAI-style structured output; servers without it get plain JSON (see client.ChatClient)."""
    return {
        "type": "json_schema",
        "json_schema": {"name": "posting_skills", "strict": True, "schema": response_schema(taxonomy)},
    }


def estimate_prompt_tokens(description: str, taxonomy: Taxonomy) -> int:
    """Tokens of one request, from characters (a tokenizer differs per model; this is an estimate)."""
    chars = sum(len(m["content"]) for m in build_messages(description, taxonomy))
    return chars // CHARS_PER_TOKEN + 1


def schema_json(taxonomy: Taxonomy) -> str:
    return json.dumps(response_schema(taxonomy), sort_keys=True)
