"""Performance figures on synthetic data: ``python -m bench.perf [CASE...]`` or ``claimbench perf``.

A registry of cases: each case is a function returning a dict of figures (JSON-able), registered with
``@case("name")``; other modules add their own (baseline throughput, LLM runner throughput) the same way,
listed in PLUGINS so they are imported lazily. Nothing here is a timed test: figures are reported, and the
scoring cases report the ratio the issue sets a target for (scoring time / JSON parse time <= 3).

Scoring cases (``score-10k``, ``score-100k``): a deterministic synthetic gold (N documents, about 10 claims
each) and predictions derived from it with noise (exact copies, French surface forms, scale slips, wrong
periods, dropped and spurious claims, shuffled order) are written as two JSONL files. Then, median of
``repeats`` runs: (a) parse both files with the json module; (b) build the typed records and score them
(normalize, align, count, 1000 bootstrap resamples, signature); ``typed_records_s`` is the part of (b)
spent building the typed records. Also reported once for 10k: validating the predictions file line by line
against its JSON Schema (what ``claimbench score`` does before (b); skipped at 100k, it is linear).
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

Figures = dict[str, Any]
CASES: dict[str, Callable[[], Figures]] = {}
PLUGINS: tuple[str, ...] = ("bench.run_perf", "runners.llm.perf", "runners.baseline_perf")
"""Modules imported before listing or running cases, so that they can register theirs."""


def case(name: str) -> Callable[[Callable[[], Figures]], Callable[[], Figures]]:
    """Register a perf case under a unique name."""

    def register(fn: Callable[[], Figures]) -> Callable[[], Figures]:
        if name in CASES:
            raise ValueError(f"perf case {name!r} is already registered")
        if not callable(fn):
            raise TypeError(f"perf case {name!r} must be callable")
        CASES[name] = fn
        return fn

    return register


def _load_plugins() -> None:
    for mod in PLUGINS:
        importlib.import_module(mod)


def case_names() -> list[str]:
    """Every registered case, plugins included, sorted."""
    _load_plugins()
    return sorted(CASES)


def run_cases(names: list[str] | None = None) -> dict[str, Figures]:
    """Run the named cases (default: all) in name order; KeyError naming the unknown case."""
    _load_plugins()
    chosen = names or sorted(CASES)
    for n in chosen:
        if n not in CASES:
            import difflib

            near = difflib.get_close_matches(n, CASES, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known: {', '.join(sorted(CASES))}"
            raise KeyError(f"unknown perf case {n!r}{hint}")
    return {n: CASES[n]() for n in chosen}


# ---- synthetic data -----------------------------------------------------------------------------------

_METRICS = (
    ("output value of the AI industry", "valeur de production de l'industrie de l'IA"),
    ("NEV output", "production de VEN"),
    ("exports of goods", "exportations de biens"),
    ("unemployment rate", "taux de chômage"),
    ("retail sales", "ventes au détail"),
    ("industrial output", "production industrielle"),
    ("tourist arrivals", "arrivées de touristes"),
    ("port container throughput", "débit de conteneurs du port"),
    ("net profit of the group", "bénéfice net du groupe"),
    ("consumer price index", "indice des prix à la consommation"),
)
_UNITS = ("CNY", "USD", "EUR", "count", "percent", "t", "TEU")
_PERIODS = ("2023", "2024-H1", "2024-Q3", "2024-10", "2022", "2024-Q1")


def synthetic(n_docs: int, seed: int = 20241030) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(gold documents, prediction records) as JSON objects; deterministic in (n_docs, seed)."""
    rng = np.random.default_rng(seed)
    text = "Synthetic article. " * 12
    gold: list[dict[str, Any]] = []
    preds: list[dict[str, Any]] = []
    for i in range(n_docs):
        pair, lang = divmod(i, 2)
        lang_s = "en" if lang == 0 else "fr"
        n = int(rng.integers(6, 15))
        claims = []
        out = []
        metric_i = rng.integers(0, len(_METRICS), n)
        values = np.round(rng.uniform(1, 999, n), 1) * 10.0 ** rng.integers(0, 10, n)
        units = rng.integers(0, len(_UNITS), n)
        periods = rng.integers(0, len(_PERIODS), n)
        yoy = np.round(rng.uniform(-30, 30, n), 1)
        has_yoy = rng.random(n) < 0.6
        noise = rng.random(n)
        for j in range(n):
            c = {
                "claim_id": f"c{j + 1}",
                "align_id": f"a{j}",
                "metric": _METRICS[metric_i[j]][lang],
                "metric_aliases": [],
                "value": float(values[j]),
                "value_high": None,
                "unit": _UNITS[units[j]],
                "period": _PERIODS[periods[j]],
                "yoy_change": float(yoy[j]) if has_yoy[j] else None,
                "yoy_unit": "percent" if has_yoy[j] else None,
                "qualifier": "exact",
                "alternatives": [],
                "evidence": {"start": j * 10, "end": j * 10 + 9, "text": text[j * 10 : j * 10 + 9]},
                "tags": ["scale-word"] if j % 3 == 0 else [],
            }
            claims.append(c)
            p: dict[str, Any] = {
                k: c[k] for k in ("metric", "value", "unit", "period", "yoy_change", "yoy_unit", "evidence")
            }
            r = noise[j]
            if r < 0.10:
                continue  # dropped
            if r < 0.20 and lang_s == "fr":
                p["value"] = f"{values[j] / 1e6:.6f}".replace(".", ",").rstrip("0").rstrip(",") + " millions"
            elif r < 0.25:
                p["value"] = float(values[j]) * 1000  # scale slip
            elif r < 0.30:
                p["period"] = "2021"
            elif r < 0.33:
                p["metric"] = "something else entirely"
            out.append(p)
            if r > 0.92:
                out.append(
                    {"metric": "spurious figure", "value": float(rng.integers(1, 100)), "unit": "count"}
                )
        order = rng.permutation(len(out))
        gold.append(
            {
                "schema_version": "1.0.0",
                "doc_id": f"syn{pair:06d}.{lang_s}",
                "pair_id": f"syn{pair:06d}",
                "lang": lang_s,
                "split": "test",
                "title": "Synthetic article.",
                "text": text,
                "published": "2024-10-30",
                "source": {
                    "publisher": "synthetic",
                    "url": None,
                    "kind": "authored",
                    "translated_from": None,
                },
                "license": "CC0-1.0",
                "claims": claims,
            }
        )
        preds.append({"doc_id": f"syn{pair:06d}.{lang_s}", "claims": [out[k] for k in order]})
    return gold, preds


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _parse(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def score_case(n_docs: int, repeats: int = 3, validate: bool = True) -> Figures:
    """Figures of one scoring case (see the module docstring)."""
    from bench.gold import documents_from_json
    from bench.predictions import PredictionSet
    from bench.score import score
    from bench.validate import validate_predictions_file

    gold_rows, pred_rows = synthetic(n_docs)
    with tempfile.TemporaryDirectory(prefix="claimbench-perf-") as tmp:
        gp, pp = Path(tmp) / "gold.jsonl", Path(tmp) / "predictions.jsonl"
        _write_jsonl(gp, gold_rows)
        _write_jsonl(pp, pred_rows)
        del gold_rows, pred_rows
        sizes = {"gold_bytes": gp.stat().st_size, "predictions_bytes": pp.stat().st_size}
        parse_s, typed_s, score_s = [], [], []
        report = None
        for _ in range(repeats):
            t0 = time.perf_counter()
            g, p = _parse(gp), _parse(pp)
            t1 = time.perf_counter()
            docs = documents_from_json(g)
            preds = PredictionSet.from_records(p)
            t2 = time.perf_counter()
            report = score(docs, preds)
            t3 = time.perf_counter()
            parse_s.append(t1 - t0)
            typed_s.append(t2 - t1)
            score_s.append(t3 - t1)
            del g, p, docs, preds
        validate_s = None
        if validate:
            t0 = time.perf_counter()
            validate_predictions_file(pp)
            validate_s = round(time.perf_counter() - t0, 3)
    assert report is not None
    a, b = statistics.median(parse_s), statistics.median(score_s)
    return {
        "documents": n_docs,
        "gold_claims": report.micro()[5].tp + report.micro()[5].fn,
        "predicted_claims": report.invalid.predicted_claims,
        **sizes,
        "repeats": repeats,
        "parse_s": round(a, 3),
        "typed_records_s": round(statistics.median(typed_s), 3),
        "score_s": round(b, 3),
        "ratio_score_to_parse": round(b / a, 2),
        "validate_predictions_s": validate_s,
        "headline": round(report.headline, 4),
    }


@case("score-10k")
def _score_10k() -> Figures:
    return score_case(10_000)


@case("score-100k")
def _score_100k() -> Figures:
    return score_case(100_000, repeats=1, validate=False)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        figures = run_cases(args or None)
    except KeyError as e:
        print(f"error: {e.args[0]}", file=sys.stderr)
        return 2
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    # Run the imported module's main: plugins register their cases in bench.perf, not in __main__.
    from bench.perf import main as _main

    raise SystemExit(_main())
