"""The command runner: any external program, in any language, as an extractor.

Protocol: the program reads one JSON document per line on stdin (``InputDocument.to_json()``: doc_id,
pair_id, lang, title, text, published) and answers each with one JSON line on stdout, a prediction
``{"doc_id": ..., "claims": [...]}`` (an ``"error"`` string instead reports its own failure). It runs once
for many documents, with the arguments given as a list (never through a shell); its stderr goes to the run
log. A line that is not valid JSON or not a valid prediction fails that document. An answer for another
doc_id, a crash, or no answer within ``timeout_s`` fails the document and the program is killed and
restarted, at most ``restarts`` times over the run. Each worker thread drives its own process."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

from bench.jsonloc import loads_strict
from bench.types import InputDocument, PredictedClaim
from bench.validate import prediction_problems
from runners.base import BaseRunner

log = logging.getLogger("claimbench.runners.command")
_EOF = None


class CommandFailure(RuntimeError):
    """The program crashed, hung or broke the protocol on one document."""


@dataclass(frozen=True)
class CommandConfig:
    cmd: tuple[str, ...] = ()
    """The program and its arguments, e.g. --set cmd='python3 extractor.py --fast' or a JSON array."""
    timeout_s: float = 60.0
    """Seconds to wait for the answer to one document."""
    restarts: int = 3
    """How many times a crashed or hung program is restarted before every further document fails."""

    def __post_init__(self) -> None:
        if self.timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        if self.restarts < 0:
            raise ValueError("restarts must be at least 0")


class _Process:
    """One running program: a line writer on stdin, a reader thread queueing stdout lines, and a thread
    copying stderr to the log."""

    def __init__(self, cmd: tuple[str, ...]) -> None:
        self.popen = subprocess.Popen(
            list(cmd),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
            start_new_session=True,  # its own process group: Ctrl-C reaches us, we kill the group
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        assert self.popen.stdout is not None and self.popen.stderr is not None
        threading.Thread(target=self._read, args=(self.popen.stdout,), daemon=True).start()
        threading.Thread(target=self._log_stderr, args=(self.popen.stderr,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(_EOF)

    def _log_stderr(self, stream: IO[str]) -> None:
        pid = self.popen.pid
        for line in stream:
            log.info("[pid %d stderr] %s", pid, line.rstrip("\n"))

    def ask(self, request: str, timeout_s: float) -> str:
        """Send one line and wait for one line back; CommandFailure on crash or timeout."""
        assert self.popen.stdin is not None
        try:
            self.popen.stdin.write(request + "\n")
            self.popen.stdin.flush()
        except (BrokenPipeError, OSError):
            raise CommandFailure(
                f"the program exited (code {self.popen.poll()}) before reading the document"
            ) from None
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                raise CommandFailure(f"no answer within {timeout_s:g} s: the program was killed") from None
            if line is _EOF:
                code = self.popen.wait()
                raise CommandFailure(f"the program exited with code {code} without answering")
            if line.strip():
                return line

    def kill(self) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.popen.kill()
        self.popen.wait()
        self._close_pipes()

    def close(self, grace_s: float = 5.0) -> None:
        """End of input: let the program exit, kill it if it does not."""
        try:
            if self.popen.stdin is not None:
                self.popen.stdin.close()
            self.popen.wait(timeout=grace_s)
        except (subprocess.TimeoutExpired, OSError):
            self.kill()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for stream in (self.popen.stdin, self.popen.stdout, self.popen.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class CommandRunner(BaseRunner):
    name: ClassVar[str] = "command"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "Any external program speaking JSON lines on stdin/stdout (--set cmd='...')."
    io_bound: ClassVar[bool] = True
    Config: ClassVar[type[Any]] = CommandConfig

    def __init__(self, config: CommandConfig | None = None) -> None:
        super().__init__(config)
        cmd = self.config.cmd
        if not cmd:
            raise ValueError("needs the program to run: --set cmd='python3 my_extractor.py'")
        if shutil.which(cmd[0]) is None and not Path(cmd[0]).is_file():
            raise ValueError(f"program not found: {cmd[0]}")
        self._idle: queue.SimpleQueue[_Process] = queue.SimpleQueue()
        self._all: list[_Process] = []
        self._lock = threading.Lock()
        self._restarts = 0

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        if self._restarts > self.config.restarts:
            raise CommandFailure(
                f"the program failed too often: gave up after {self.config.restarts} restarts"
            )
        proc = self._acquire()
        try:
            line = proc.ask(json.dumps(document.to_json(), ensure_ascii=False), self.config.timeout_s)
        except CommandFailure as e:
            self._discard(proc, str(e))
            raise
        try:
            claims = self._parse(document.doc_id, line)
        except CommandFailure as e:  # out of step: the next answer could belong to this document
            self._discard(proc, str(e))
            raise
        except Exception:  # a bad or failed answer, but in step: the process stays
            self._idle.put(proc)
            raise
        self._idle.put(proc)
        return claims

    @staticmethod
    def _parse(doc_id: str, line: str) -> list[PredictedClaim]:
        """The claims of one answer line. ValueError for a malformed answer, RuntimeError for a reported
        failure, CommandFailure for an answer to another document."""
        try:
            rec = loads_strict(line)
        except ValueError as e:
            raise ValueError(f"the program's answer is not valid JSON ({e}): {line[:80]!r}") from None
        if isinstance(rec, dict) and rec.get("doc_id") not in (None, doc_id):
            raise CommandFailure(f"the program answered for {rec.get('doc_id')!r} instead of {doc_id!r}")
        problems = prediction_problems(rec)
        if problems:
            ptr, msg = problems[0]
            raise ValueError(f"the program's answer is not a valid prediction: {ptr or '/'}: {msg}")
        if rec.get("error") is not None:
            raise RuntimeError(f"the program reported: {rec['error']}")
        return [PredictedClaim.from_json(c) for c in rec["claims"]]

    def _acquire(self) -> _Process:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            proc = _Process(self.config.cmd)
            self._all.append(proc)
        return proc

    def _discard(self, proc: _Process, why: str) -> None:
        proc.kill()
        with self._lock:
            self._all.remove(proc)
            self._restarts += 1
            restarts = self._restarts
        log.warning(
            "killed pid %d (%s); restart %d of %d", proc.popen.pid, why, restarts, self.config.restarts
        )
        if restarts > self.config.restarts:
            raise CommandFailure(f"{why}; gave up after {self.config.restarts} restarts")

    def close(self) -> None:
        """Close every process (the run loop calls this at the end)."""
        with self._lock:
            procs, self._all = self._all, []
            self._idle = queue.SimpleQueue()  # the runner stays usable: the next document starts a program
        for proc in procs:
            proc.close()
