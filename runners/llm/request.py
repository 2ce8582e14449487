"""Building a chat-completions request for one document, and the key it is cached under."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bench.types import InputDocument
from runners.llm.prompts import Prompt
from runners.llm.schema import response_format, response_schema

MODES = ("json_schema", "json_object")
"""Response modes, in the order they are tried: strict schema first, plain JSON mode when refused."""


def user_message(doc: InputDocument) -> str:
    """The document as the model sees it: publication date (to resolve relative periods), title, text."""
    return f"Published: {doc.published}\nTitle: {doc.title}\n\n{doc.text}"


def build_request(
    doc: InputDocument, prompt: Prompt, *, model: str, temperature: float, mode: str
) -> dict[str, Any]:
    """The JSON body of ``POST /chat/completions``. In json_object mode the server does not enforce the
    schema, so the system message carries it."""
    system = prompt.text
    if mode == "json_object":
        schema = json.dumps(response_schema(strict=True), sort_keys=True)
        system = f"{system}\nThe JSON object must match this JSON Schema:\n{schema}\n"
    return {
        "model": model,
        "temperature": temperature,
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": user_message(doc)},
        ],
        "response_format": response_format(mode),
    }


def request_key(payload: dict[str, Any], base_url: str) -> str:
    """SHA-256 of the canonical JSON of the endpoint and the request body. The API key is not part of a
    request body, so it never reaches the key (nor the cache)."""
    blob = json.dumps(
        {"base_url": base_url.rstrip("/"), "request": payload}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
