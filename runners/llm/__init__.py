"""Pure helpers of the LLM runner: prompts, response schema, request building, response parsing, the
response cache and the retry loop. Nothing here imports the openai client."""
