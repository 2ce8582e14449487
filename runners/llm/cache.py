"""On-disk response cache: one JSON file per request key, written atomically. It holds the request key,
the model answer and the server's model name, never a credential."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/claimbench/openai`` (``~/.cache/claimbench/openai`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimbench" / "openai"


class ResponseCache:
    """Answers keyed by request hash, sharded by the key's first two hex digits."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The cached answer content, or None (also for an unreadable or foreign file)."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        content = data.get("content") if isinstance(data, dict) and data.get("key") == key else None
        return content if isinstance(content, str) else None

    def put(self, key: str, content: str, model: str | None = None) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = json.dumps({"key": key, "model": model, "content": content}, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
