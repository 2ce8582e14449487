"""Read JSON safely and map JSON pointers back to line numbers, so every problem can be located as
``file:line: /json/pointer: message``."""

from __future__ import annotations

import bisect
import contextlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest gold file read whole; larger files are refused with one message (predictions are streamed)."""
MAX_LINE_BYTES = 16 * 1024 * 1024
"""Longest predictions line accepted."""

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_WS = re.compile(r"[ \t\n\r]*")
scanstring: Any = getattr(json.decoder, "scanstring")  # noqa: B009 (untyped in typeshed)


class InputError(Exception):
    """A user mistake in an input file: reported as one located line, never a traceback."""

    def __init__(self, path: str | Path, message: str, line: int | None = None, pointer: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.pointer = pointer
        self.message = message
        super().__init__(self.located())

    def located(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.pointer + ': ' if self.pointer else ''}{self.message}"


@dataclass(frozen=True)
class Problem:
    """One located validation finding."""

    path: str
    line: int | None
    pointer: str
    message: str
    severity: str = "error"  # "error" or "info"

    def located(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        tag = "" if self.severity == "error" else f"[{self.severity}] "
        return f"{where}: {self.pointer or '/'}: {tag}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "pointer": self.pointer,
            "message": self.message,
            "severity": self.severity,
        }


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (numbers must be finite)")


def _finite_float(s: str) -> float:
    x = float(s)
    if not math.isfinite(x):
        raise ValueError(f"number {s} overflows to infinity")
    return x


def loads_strict(text: str) -> Any:
    """json.loads that refuses NaN, Infinity and numbers that overflow to infinity."""
    return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's UTF-8 text; InputError for a missing, unreadable, oversized, empty or non-UTF-8 file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}") from None
    if path.is_dir():
        raise InputError(path, "is a directory, expected a file")
    if size > max_bytes:
        raise InputError(
            path, f"file is {size / 2**20:.0f} MiB, larger than the {max_bytes // 2**20} MiB limit"
        )
    if size == 0:
        raise InputError(path, "file is empty")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line
        ) from None
    return text


def parse_json(path: Path, text: str, line_offset: int = 0, unique_keys: bool = False) -> Any:
    """Parse one JSON value; InputError located at the line of a syntax error, and at the line and
    pointer of a non-finite number (or, with unique_keys, of a key given twice in one object)."""
    try:
        data, marked = (loads_strict(text), False) if not unique_keys else _loads_marking(text)
    except json.JSONDecodeError as e:
        ends_early = e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string")
        cut = " (the text ends early: cut short?)" if ends_early else ""
        raise InputError(
            path, f"invalid JSON: {e.msg} (column {e.colno}){cut}", e.lineno + line_offset
        ) from None
    except RecursionError:
        raise InputError(path, "invalid JSON: nested too deeply", line_offset + 1) from None
    except ValueError:  # a non-finite number: parse again to find where
        data, marked = _loads_marking(text)
    found = _first_mark(data) if marked else None  # walk the parsed value only when something was marked
    if found is None:
        return data
    pointer, message = found
    line = line_for(pointer_lines(text), pointer)
    raise InputError(path, message, None if line is None else line + line_offset, pointer)


class _NonFinite(str):
    """Stands for a number JSON does not allow (NaN, Infinity, one that overflows)."""


class _KeysTwice(dict[str, Any]):
    """An object in which some key was given twice (the last value kept, as json does)."""

    twice: str = ""


def _loads_marking(text: str) -> tuple[Any, bool]:
    """json.loads that marks non-finite numbers and objects with a key given twice instead of failing or
    keeping quiet; also says whether it marked anything."""
    marked = False

    def constant(s: str) -> Any:
        nonlocal marked
        marked = True
        return _NonFinite(s)

    def number(s: str) -> Any:
        x = float(s)
        return x if math.isfinite(x) else constant(s)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal marked
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out and not isinstance(out, _KeysTwice):
                out, marked = _KeysTwice(out), True
                out.twice = key
            out[key] = value
        return out

    return json.loads(text, parse_constant=constant, parse_float=number, object_pairs_hook=pairs), marked


def _first_mark(data: Any) -> tuple[str, str] | None:
    """(pointer, message) of the first marked value in document order, walking without recursion."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        ptr, x = stack.pop()
        if isinstance(x, _NonFinite):
            return ptr, f"{x} is not a valid JSON number (numbers must be finite)"
        if isinstance(x, _KeysTwice):
            return f"{ptr}/{_escape(x.twice)}", f"key {x.twice!r} given twice in one object"
        if isinstance(x, dict):
            stack += [(f"{ptr}/{_escape(k)}", v) for k, v in reversed(x.items())]
        elif isinstance(x, list):
            stack += [(f"{ptr}/{i}", v) for i, v in reversed(list(enumerate(x)))]
    return None


def iter_jsonl_values(path: Path, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed value, or the line's InputError) for every non-blank line, streaming: a
    line that is overlong, not UTF-8 or not JSON is reported in its place and reading goes on."""
    for lineno, line in iter_jsonl_lines(path, max_line_bytes):
        if not isinstance(line, InputError):
            try:
                line = parse_json(path, line, lineno - 1)
            except InputError as e:
                line = e
        yield lineno, line


def iter_jsonl_lines(
    path: Path, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, str | InputError]]:
    """Yield (line number, text or the line's InputError) for every non-blank line, streaming and never
    holding more than max_line_bytes of a line: a bad line is reported and reading goes on."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, expected a file")
    with path.open("rb") as f:
        lineno = 0
        while raw := f.readline(max_line_bytes + 1):
            lineno += 1
            if len(raw) > max_line_bytes:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = f.readline(max_line_bytes + 1)
                yield lineno, InputError(path, f"line longer than {_size(max_line_bytes)}", lineno)
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield lineno, InputError(path, f"not valid UTF-8 (offset {e.start} in the line)", lineno)
                continue
            if line.strip():
                yield lineno, line.rstrip("\r\n")  # an error at its end stays on this line


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n % 2**20 == 0 else f"{n} bytes"


def pointer_lines(text: str) -> dict[str, int]:
    """Map every JSON pointer in a (valid) JSON text to the 1-based line where its value starts."""
    out: dict[str, int] = {}
    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(newlines, pos - 1) + 1

    def skip(pos: int) -> int:
        m = _WS.match(text, pos)
        return m.end() if m else pos

    def value(pos: int, ptr: str) -> int:
        pos = skip(pos)
        out[ptr] = line_of(pos)
        c = text[pos]
        if c == "{":
            pos = skip(pos + 1)
            if text[pos] == "}":
                return pos + 1
            while True:
                pos = skip(pos)
                key, pos = scanstring(text, pos + 1)
                pos = skip(pos)  # at ':'
                pos = value(pos + 1, f"{ptr}/{_escape(key)}")
                pos = skip(pos)
                if text[pos] == "}":
                    return pos + 1
                pos += 1  # ','
        if c == "[":
            pos = skip(pos + 1)
            if text[pos] == "]":
                return pos + 1
            i = 0
            while True:
                pos = value(pos, f"{ptr}/{i}")
                i += 1
                pos = skip(pos)
                if text[pos] == "]":
                    return pos + 1
                pos += 1
        if c == '"':
            _, end = scanstring(text, pos + 1)
            return int(end)
        for lit in ("true", "false", "null"):
            if text.startswith(lit, pos):
                return pos + len(lit)
        m = _NUMBER.match(text, pos)
        return m.end() if m else pos + 1

    if text.startswith("\ufeff"):
        text = text[1:]
    with contextlib.suppress(IndexError, ValueError, RecursionError):  # the parser reports invalid JSON
        value(0, "")
    return out


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def line_for(lines: dict[str, int], pointer: str) -> int | None:
    """The line of the pointer, or of its nearest mapped ancestor."""
    p = pointer
    while True:
        if p in lines:
            return lines[p]
        if not p:
            return None
        p = p.rsplit("/", 1)[0]
