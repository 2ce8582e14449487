"""The file runner: serves predictions made elsewhere (a leaderboard submission) from a JSONL file.

The whole file is validated against the prediction schema when the runner is built; a bad file is refused
with every problem located (file:line: /pointer: message). A document the file has no line for, or whose
line carries an error, fails in the run like any runner's failure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from bench.types import InputDocument, PredictedClaim
from bench.validate import validate_predictions_file
from runners.base import BaseRunner

MAX_SHOWN = 5


class PredictionsFileError(ValueError):
    """The predictions file is invalid; the message lists the first located problems."""


@dataclass(frozen=True)
class FileConfig:
    path: Path | None = None
    """The predictions JSONL file (required)."""


class FileRunner(BaseRunner):
    name: ClassVar[str] = "file"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "Predictions made elsewhere, read from a JSONL file (--set path=FILE)."
    io_bound: ClassVar[bool] = True
    Config: ClassVar[type[Any]] = FileConfig

    def __init__(self, config: FileConfig | None = None) -> None:
        super().__init__(config)
        path = self.config.path
        if path is None:
            raise ValueError("needs the predictions file: --set path=predictions.jsonl")
        good, problems = validate_predictions_file(Path(path))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            shown = "; ".join(p.located() for p in errors[:MAX_SHOWN])
            more = f" (and {len(errors) - MAX_SHOWN} more)" if len(errors) > MAX_SHOWN else ""
            count = f"{len(errors)} problem{'s' if len(errors) > 1 else ''}"
            raise PredictionsFileError(f"{count}: {shown}{more}")
        self._records = {rec["doc_id"]: rec for _, rec in good}
        self._sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]

    def signature_inputs(self) -> dict[str, str]:
        """The file's content hash: a changed file is a different run."""
        return {"predictions_sha256": self._sha256}

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        rec = self._records.get(document.doc_id)
        if rec is None:
            raise LookupError(f"{self.config.path} has no prediction for {document.doc_id}")
        if rec.get("error") is not None:
            raise RuntimeError(f"the file records an error: {rec['error']}")
        return [PredictedClaim.from_json(c) for c in rec["claims"]]
