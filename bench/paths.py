"""Where the project's bundled files live: the JSON Schemas and the bundled gold."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    """The checkout holding schemas/ and gold/; CLAIMBENCH_HOME overrides it."""
    return Path(os.environ.get("CLAIMBENCH_HOME", _REPO))


def schemas_dir() -> Path:
    """The checkout's schemas/, else the copy an installed package carries (bench/schemas/)."""
    here = project_root() / "schemas"
    return here if here.is_dir() else Path(__file__).resolve().parent / "schemas"


def bundled_gold() -> Path:
    return project_root() / "gold"
