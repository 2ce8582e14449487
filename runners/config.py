"""Runner configs: ``--set key=value`` strings coerced to the fields of a runner's frozen Config dataclass,
secrets redacted for run.json, and a stable hash that names the run directory.

Coercion follows the field's annotation: int, float, bool (true/false/yes/no/1/0/on/off), str, Path,
Literal (one of its values), ``X | None`` ("none" or "null" gives None), and ``tuple[X, ...]`` (a JSON array
``["a", "b c"]``, or else shell-like words ``a 'b c'`` split with shlex; nothing is ever run by a shell)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shlex
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SECRET_WORDS = frozenset(
    {"key", "apikey", "token", "secret", "password", "passwd", "passphrase", "credential", "credentials"}
)
"""A field with one of these as a whole part of its name is a secret (see is_secret)."""
REDACTED = "***"
_TRUE = frozenset({"true", "yes", "1", "on"})
_FALSE = frozenset({"false", "no", "0", "off"})


class ConfigError(ValueError):
    """A bad ``--set``: unknown key, bad value, or malformed item. The message is one line."""


def parse_sets(items: Iterable[str]) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` -> ``{"a": "1", "b": "x=y"}``; a later key overrides an earlier one."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {item!r}: expected key=value")
        out[key.strip()] = value
    return out


def config_fields(config_cls: type[Any]) -> dict[str, Any]:
    """Field name -> resolved type annotation of a Config dataclass."""
    hints = typing.get_type_hints(config_cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(config_cls)}


def build_config(config_cls: type[Any], sets: Mapping[str, str], runner: str = "runner") -> Any:
    """An instance of config_cls with the given fields coerced from strings; defaults for the rest."""
    fields = config_fields(config_cls)
    unknown = sorted(set(sets) - set(fields))
    if unknown:
        known = ", ".join(sorted(fields)) or "none"
        raise ConfigError(f"runner {runner!r} has no setting {unknown[0]!r} (its settings: {known})")
    values = {}
    for key, raw in sets.items():
        try:
            values[key] = coerce(raw, fields[key])
        except ValueError as e:
            raise ConfigError(f"--set {key}={raw}: {e}") from None
    try:
        return config_cls(**values)
    except (TypeError, ValueError) as e:  # a Config's own __post_init__ check
        raise ConfigError(f"{runner} config: {e}") from None


def coerce(raw: str, tp: Any) -> Any:
    """The value of raw for annotation tp; ValueError with a short reason when it does not fit."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if raw.strip().lower() in ("none", "null") and type(None) in args:
            return None
        members = [a for a in args if a is not type(None)]
        errors = []
        for member in members:
            try:
                return coerce(raw, member)
            except ValueError as e:
                errors.append(str(e))
        raise ValueError("; ".join(errors))
    if origin is typing.Literal:
        for a in args:
            if str(a) == raw:
                return a
        raise ValueError(f"expected one of {', '.join(map(str, args))}")
    if origin is tuple:
        items = _words(raw)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(coerce(x, args[0]) for x in items)
        if len(items) != len(args):
            raise ValueError(f"expected {len(args)} items, got {len(items)}")
        return tuple(coerce(x, a) for x, a in zip(items, args, strict=True))
    if tp is bool:
        low = raw.strip().lower()
        if low in _TRUE or low in _FALSE:
            return low in _TRUE
        raise ValueError("expected true or false")
    if tp is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError("expected an integer") from None
    if tp is float:
        try:
            x = float(raw)
        except ValueError:
            raise ValueError("expected a number") from None
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError("expected a finite number")
        return x
    if tp is str:
        return raw
    if tp is Path:
        if not raw:
            raise ValueError("expected a path")
        return Path(raw)
    raise ValueError(f"settings of type {tp!r} cannot be set from the command line")


def _words(raw: str) -> list[str]:
    text = raw.strip()
    if text.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f"invalid JSON array: {e.msg}") from None
        if not isinstance(data, list):
            raise ValueError("expected a JSON array")
        return [x if isinstance(x, str) else json.dumps(x) for x in data]
    try:
        return shlex.split(text)
    except ValueError as e:
        raise ValueError(f"cannot split into words: {e}") from None


def name_parts(field_name: str) -> list[str]:
    """Lower-case parts of a name split at underscores, other non-alphanumerics and camelCase humps:
    ``"apiKey"`` and ``"api_key"`` -> ``["api", "key"]``."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", field_name)
    return [p for p in re.split(r"[^a-z0-9]+", spaced.lower()) if p]


def is_secret(field_name: str) -> bool:
    """A secret (redacted in run.json, left out of the run's hash) is a name with a secret word as a whole
    part: ``api_key``, ``auth_token``, ``password``, ``access_key``; not ``max_tokens``, ``tokenizer``,
    ``keyword`` or ``top_k``, which are ordinary settings that name the run."""
    return any(p in SECRET_WORDS for p in name_parts(field_name))


def config_json(config: Any, redact: bool = True) -> dict[str, Any]:
    """The config as JSON data (Paths as strings, tuples as lists); secrets as "***" when redact."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(config):
        value = getattr(config, f.name)
        if is_secret(f.name) and redact:
            out[f.name] = None if value is None else REDACTED
        else:
            out[f.name] = _jsonable(value)
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def config_hash(runner: str, version: str, config: Any, extra: Mapping[str, str] | None = None) -> str:
    """First 10 hex digits of the SHA-256 of the runner name, version, non-secret config and any extra
    signature inputs (a prompt or file hash): equal inputs give the same run directory, so reruns resume."""
    public = {k: v for k, v in config_json(config, redact=False).items() if not is_secret(k)}
    blob = json.dumps(
        {"runner": runner, "version": version, "config": public, "extra": dict(extra or {})},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:10]
