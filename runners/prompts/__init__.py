"""Versioned prompt files of the LLM runner (package data): claims.<lang>.v<N>.md."""
