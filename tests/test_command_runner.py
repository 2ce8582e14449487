"""The command runner: the protocol with the example extractor, and every way a program can misbehave."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.gold import GoldSet
from bench.run import RunOptions, run
from runners.command import CommandConfig, CommandRunner
from runners.config import ConfigError, build_config
from tests.conftest import ROOT
from tests.dummy_runners import make_doc, tiny_gold

EXAMPLE = str(ROOT / "tests" / "fixtures" / "example_extractor.py")
MISBEHAVING = str(ROOT / "tests" / "fixtures" / "misbehaving_extractor.py")


def gold_of(*titles: str) -> GoldSet:
    """English documents whose pair_id (and title) are the given cues, in this order."""
    return GoldSet(tuple(make_doc(t, "en") for t in titles), "cues")


def command(*args: str, timeout_s: float = 10.0, restarts: int = 3) -> CommandRunner:
    return CommandRunner(CommandConfig((sys.executable, MISBEHAVING, *args), timeout_s, restarts))


def records(run_dir: Path) -> dict[str, dict[str, Any]]:
    lines = (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc_id"]: r for r in map(json.loads, lines)}


def pid(rec: dict[str, Any]) -> str:
    return str(rec["claims"][0]["metric"])


def test_example_extractor_speaks_the_protocol(tmp_path: Path) -> None:
    result = run(CommandRunner(CommandConfig((sys.executable, EXAMPLE))), tiny_gold(1), tmp_path)
    recs = records(tmp_path)
    assert result.ok == 2
    en = recs["p00.en"]["claims"]
    assert en == [
        {"value": 5.2, "unit": "percent", "evidence": {"start": 16, "end": 27, "text": "5.2 percent"}}
    ]
    assert recs["p00.fr"]["claims"][0]["evidence"]["text"] == "5,2 %"
    assert "stderr" not in (tmp_path / "run.log").read_text(encoding="utf-8")


def test_crash_fails_the_document_and_restarts_the_program(tmp_path: Path) -> None:
    result = run(command(), gold_of("a", "b-CRASH", "c"), tmp_path)
    recs = records(tmp_path)
    assert recs["b-CRASH.en"]["error"] == "CommandFailure: the program exited with code 3 without answering"
    assert result.ok == 2 and result.failed == 1
    assert pid(recs["a.en"]) != pid(recs["c.en"])  # a new process after the crash
    log = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert "crashing on b-CRASH.en" in log  # the program's stderr is in the run log
    assert "restart 1 of 3" in log


def test_hang_is_killed_after_the_timeout(tmp_path: Path) -> None:
    result = run(command(timeout_s=0.5), gold_of("a", "b-HANG", "c"), tmp_path)
    recs = records(tmp_path)
    assert recs["b-HANG.en"]["error"] == "CommandFailure: no answer within 0.5 s: the program was killed"
    assert result.ok == 2 and pid(recs["a.en"]) != pid(recs["c.en"])


def test_malformed_answers_fail_the_document_but_keep_the_program(tmp_path: Path) -> None:
    result = run(command(), gold_of("a", "b-GARBAGE", "c-INVALID", "d-REPORT", "e"), tmp_path)
    recs = records(tmp_path)
    assert recs["b-GARBAGE.en"]["error"].startswith("ValueError: the program's answer is not valid JSON")
    assert recs["c-INVALID.en"]["error"].startswith(
        "ValueError: the program's answer is not a valid prediction: /claims/0/value:"
    )
    assert recs["d-REPORT.en"]["error"] == "RuntimeError: the program reported: model refused"
    assert result.ok == 2 and pid(recs["a.en"]) == pid(recs["e.en"])


def test_an_answer_for_another_document_restarts_the_program(tmp_path: Path) -> None:
    run(command(), gold_of("a", "b-WRONGID", "c"), tmp_path)
    recs = records(tmp_path)
    assert "answered for 'someone-else' instead of 'b-WRONGID.en'" in recs["b-WRONGID.en"]["error"]
    assert pid(recs["a.en"]) != pid(recs["c.en"])


def test_gives_up_after_the_restarts(tmp_path: Path) -> None:
    result = run(command(restarts=1), gold_of("a-CRASH", "b-CRASH", "c"), tmp_path)
    recs = records(tmp_path)
    assert recs["b-CRASH.en"]["error"].endswith("gave up after 1 restarts")
    assert "gave up after 1 restarts" in recs["c.en"]["error"]
    assert result.failed == 3


def test_arguments_are_a_list_never_a_shell(tmp_path: Path) -> None:
    run(command("--tag", "a b; echo $HOME"), gold_of("a"), tmp_path)
    assert records(tmp_path)["a.en"]["claims"][0]["unit"] == "a b; echo $HOME"


def test_each_worker_thread_drives_its_own_program(tmp_path: Path) -> None:
    gold = gold_of(*(f"d{i}" for i in range(8)))
    result = run(command(), gold, tmp_path, options=RunOptions(workers=2))
    pids = {pid(r) for r in records(tmp_path).values()}
    assert result.ok == 8 and len(pids) == 2


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        ({"timeout_s": "0"}, "timeout_s must be positive"),
        ({"restarts": "-1"}, "restarts must be at least 0"),
        ({"cmd": "'unclosed"}, "cannot split into words"),
    ],
)
def test_bad_config(sets: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_config(CommandConfig, sets, "command")


@pytest.mark.parametrize(
    ("cmd", "message"), [((), "needs the program to run"), (("no-such-program-xyz",), "program not found")]
)
def test_bad_command(cmd: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CommandRunner(CommandConfig(cmd))


def test_cmd_from_the_command_line_is_split_like_a_shell_or_a_json_array() -> None:
    assert build_config(CommandConfig, {"cmd": "python3 x.py --tag 'a b'"}).cmd == (
        "python3",
        "x.py",
        "--tag",
        "a b",
    )
    assert build_config(CommandConfig, {"cmd": '["python3", "x y.py"]'}).cmd == ("python3", "x y.py")


def test_the_runner_can_be_reused_after_a_run(tmp_path: Path) -> None:
    runner = command()
    run(runner, gold_of("a"), tmp_path / "one")
    result = run(runner, gold_of("b"), tmp_path / "two")
    assert result.ok == 1
    assert "restart" not in (tmp_path / "two" / "run.log").read_text(encoding="utf-8")


def test_sigterm_stops_the_run_like_ctrl_c_and_kills_the_program(tmp_path: Path, seed_pair_dir: Path) -> None:
    """SIGTERM (a batch scheduler stopping the job) ends the run cleanly: exit 143, run.json written, and
    the hung program, which runs in its own session, is killed rather than left orphaned."""
    import os
    import signal
    import subprocess
    import time

    pidfile = tmp_path / "program.pid"
    hang = tmp_path / "hang.py"
    hang.write_text(
        f"import os, sys, time\nopen({str(pidfile)!r}, 'w').write(str(os.getpid()))\n"
        "for line in sys.stdin:\n    time.sleep(3600)\n",
        encoding="utf-8",
    )
    cli = [sys.executable, "-c", "from bench.cli import app; app()"]
    args = ["run", "command", "--set", f"cmd={sys.executable} {hang}", "--set", "timeout_s=600"]
    proc = subprocess.Popen(
        [*cli, *args, "--gold", str(seed_pair_dir), "--out", str(tmp_path / "runs"), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not pidfile.exists() or not pidfile.read_text():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    program = int(pidfile.read_text())
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("error: terminated: finished documents are saved in")
    [run_dir] = (tmp_path / "runs").iterdir()
    assert json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["status"] == "interrupted"
    with pytest.raises(ProcessLookupError):
        os.kill(program, 0)
