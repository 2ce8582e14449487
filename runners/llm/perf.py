"""Perf case ``openai-throughput`` (registered in bench.perf): the openai runner through the run loop with
32 workers against the local fake server of tests/fake_openai_server.py answering after 200 ms. The
server runs in its own process, as a real one would, so the figure is the runner's and the run loop's own
cost. The ideal is concurrency / latency = 160 documents/s; reported: the measured rate and its ratio to
the ideal (target >= 0.9). Needs the ``openai`` extra and a checkout (the fake server lives in tests/)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bench.paths import project_root
from bench.perf import Figures, case

CONCURRENCY = 32
LATENCY_S = 0.2
DOCUMENTS = 640
SEED_DOC = "xinhua-shenzhen-industries-2024.en"


@contextmanager
def fake_server(latency_s: float) -> Iterator[str]:
    """Start tests/fake_openai_server.py in a child process; yield its base_url; stop it."""
    script = project_root() / "tests" / "fake_openai_server.py"
    if not script.exists():
        raise FileNotFoundError(f"{script}: the openai perf case needs a checkout with tests/")
    proc = subprocess.Popen(
        [sys.executable, str(script), "--latency", str(latency_s)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=project_root(),
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        if not base_url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the fake server did not start (it printed {base_url!r})")
        yield base_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def throughput(
    documents: int = DOCUMENTS, concurrency: int = CONCURRENCY, latency_s: float = LATENCY_S
) -> Figures:
    """Documents/s on distinct copies of the seed article (so no cache hit), each answered with the
    seed's gold claims after latency_s: through the run loop (``claimbench run openai --workers
    concurrency``) and through the runner's own batch form. cpu_ms_per_doc is this process's CPU time
    per document (the server's is not in it): 1000 / cpu_ms_per_doc bounds the rate on one core."""
    from bench.gold import GoldSet, load_gold
    from bench.run import RunOptions, run
    from runners.openai_runner import OpenAIConfig, OpenAIRunner

    seed = next(d for d in load_gold(project_root() / "gold" / "test").documents if d.doc_id == SEED_DOC)
    docs = tuple(
        replace(seed, doc_id=f"perf{i:05d}.en", pair_id=f"perf{i:05d}", text=f"{seed.text}\n[{i}]")
        for i in range(documents)
    )
    ideal = concurrency / latency_s
    figures: Figures = {
        "documents": documents,
        "concurrency": concurrency,
        "server_latency_s": latency_s,
        "ideal_docs_per_s": round(ideal, 1),
        "target_ratio": 0.9,
    }
    with fake_server(latency_s) as base_url, tempfile.TemporaryDirectory(prefix="claimbench-perf-") as tmp:
        config = OpenAIConfig(
            base_url=base_url,
            model="fake",
            max_concurrency=concurrency,
            cache=False,
            auth_env="CLAIMBENCH_PERF_NO_KEY",
        )
        # run_loop: `claimbench run openai` as it runs by default (the run loop feeding the runner's
        # streaming batch form); run_loop_workers: with --workers N (a thread per document);
        # runner_batch: the runner's batch form alone, without the run loop's writing
        for label, workers in (("run_loop", 1), ("run_loop_workers", concurrency), ("runner_batch", 0)):
            runner = OpenAIRunner(config)
            c0, t0 = time.process_time(), time.perf_counter()
            if workers:
                gold = GoldSet(docs, "perf")
                ok = run(runner, gold, Path(tmp) / label, options=RunOptions(workers=workers)).ok
            else:
                outs = runner.extract_batch([d.input() for d in docs])
                ok = sum(isinstance(o, list) for o in outs)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
            runner.close()
            rate = documents / elapsed
            figures[label] = {
                "ok": ok,
                "elapsed_s": round(elapsed, 3),
                "docs_per_s": round(rate, 1),
                "ratio_to_ideal": round(rate / ideal, 3),
                "cpu_ms_per_doc": round(1000 * cpu / documents, 2),
            }
    return figures


@case("openai-throughput")
def _openai_throughput() -> Figures:
    return throughput()
