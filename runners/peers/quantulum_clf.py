"""quantulum3's unit-disambiguation classifier, trained on this machine.

quantulum3 0.10.0 ships its classifier pickled for scikit-learn 1.8, which later scikit-learn versions
cannot load, and its fallback without a classifier crashes on some texts. So the runner trains the
library's own classifier (``quantulum3.classifier.train_classifier``, its default parameters, on the
training set it ships: no download) once per quantulum3 and scikit-learn version, and caches it.

Training runs in a child process with a fixed hash seed and a sorted training set: quantulum3 orders its
labels through a ``frozenset`` and reads its training files in directory order, so this is what makes the
model the same on every machine with the same versions. The file is written atomically."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/claimbench/quantulum3`` (``~/.cache/claimbench/quantulum3`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimbench" / "quantulum3"


def classifier_id() -> str:
    """Names the model: the versions that determine it."""
    return f"quantulum3-{version('quantulum3')}-scikit-learn-{version('scikit-learn')}"


def classifier_path(cache_dir: Path | None = None) -> Path:
    """The trained classifier's file, training it first when it is not cached yet (about 15 s); OSError
    when training fails."""
    path = (cache_dir or default_dir()) / f"clf-{classifier_id()}.joblib"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, "-m", "runners.peers.quantulum_clf", str(path)], env=env)
        if done.returncode != 0:  # OSError: the registry reports it as one line
            raise OSError(f"training quantulum3's classifier into {path} failed (exit {done.returncode})")
    return path


def train(out: Path) -> None:
    """Train quantulum3's classifier on its sorted training set and write it to out atomically."""
    import joblib
    from quantulum3 import classifier, load

    data = sorted(load.training_set("en_US"), key=lambda x: (x["unit"], x["text"]))
    model = classifier.train_classifier(store=False, n_jobs=1, training_set=data)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    joblib.dump(model, tmp)
    os.replace(tmp, out)


if __name__ == "__main__":
    train(Path(sys.argv[1]))
