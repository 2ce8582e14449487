"""Runner discovery through the ``claimbench.runners`` entry-point group.

The built-in runners are registered there exactly as a third-party package registers one
(``name = "module:Class"`` in its pyproject), so installing a package adds a runner. Entries are lazy: a
runner's module, and its heavy imports, load only when it is chosen. The registry rejects two different
targets under one name and classes that do not meet the Runner protocol, and suggests a close name on a typo.

When a runner's optional dependencies are missing, the error names the extra to install, found in this order:
the entry point's ``[extra]`` marker, the class attribute ``requires_extra`` (for runners whose heavy imports
happen in the constructor), then the extras of the entry point's distribution whose requirement matches the
missing module."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from bench.types import LANGS
from runners.base import Runner
from runners.config import build_config

GROUP = "claimbench.runners"
_CLASS_ATTRS: tuple[tuple[str, type | tuple[type, ...]], ...] = (
    ("name", str),
    ("version", str),
    ("description", str),
    ("io_bound", bool),
    ("languages", frozenset),
)


class RegistryError(Exception):
    """A runner cannot be found, loaded or built; the message is one line for the user."""


class MissingExtra(RegistryError):
    """A runner's optional dependencies are not installed."""

    def __init__(self, runner: str, module: str, install: str | None) -> None:
        self.runner, self.module, self.install = runner, module, install
        hint = f"pip install '{install}'" if install else f"install the package providing {module!r}"
        super().__init__(f"runner {runner!r} needs {module!r}, which is not installed: {hint}")


@dataclass(frozen=True)
class RunnerEntry:
    """One registered runner, not yet loaded."""

    name: str
    target: str
    """``module:attr`` as declared in the entry point."""
    distribution: str | None
    extras: tuple[str, ...]

    def load(self) -> type[Runner]:
        """Import the runner class and check it; MissingExtra or RegistryError otherwise."""
        module = self.target.partition(":")[0]
        try:
            obj = EntryPoint(self.name, self.target, GROUP).load()
        except ImportError as e:
            missing = e.name or module
            if _is_own_module(missing, module):
                raise RegistryError(f"runner {self.name!r}: cannot import {self.target} ({e})") from None
            raise MissingExtra(self.name, missing, self.install_hint(missing, None)) from None
        except AttributeError as e:
            raise RegistryError(f"runner {self.name!r}: cannot load {self.target} ({e})") from None
        problems = runner_problems(obj, self.name)
        if problems:
            raise RegistryError(f"runner {self.name!r} ({self.target}) is not a valid runner: {problems[0]}")
        cls: type[Runner] = obj
        return cls

    def install_hint(self, missing: str, cls: Any) -> str | None:
        """``dist[extra]`` to install for a missing module, or None when no extra provides it."""
        dist = self.distribution
        if dist is None:
            return None
        extra = self.extras[0] if self.extras else getattr(cls, "requires_extra", None)
        if extra is None:
            extra = _extra_providing(dist, missing)
        return f"{dist}[{extra}]" if extra else None


def _is_own_module(missing: str, module: str) -> bool:
    return module == missing or module.startswith(missing + ".") or missing.startswith(module + ".")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _extra_providing(dist: str, module: str) -> str | None:
    """The extra of dist whose requirement is the distribution of the (top-level) module: the same
    normalized name, or failing that the same first word (recognizers_suite ~ recognizers-text-suite)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        reqs = requires(dist) or []
    except PackageNotFoundError:
        return None
    top = _norm(module.split(".")[0])
    candidates: list[tuple[int, str]] = []
    for req in reqs:
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*).*?extra\s*==\s*['\"]([^'\"]+)['\"]", req)
        if not m:
            continue
        name, extra = _norm(m.group(1)), m.group(2)
        if name == top:
            candidates.append((0, extra))
        elif name.split("_")[0] == top.split("_")[0]:
            candidates.append((1, extra))
    return min(candidates)[1] if candidates else None


def runner_problems(obj: Any, name: str | None = None) -> list[str]:
    """Why obj is not a runner class (empty when it is): the Runner protocol's class attributes with their
    types, a frozen dataclass Config whose fields all have defaults, a callable extract, and (when given)
    a name equal to the registered one."""
    if not isinstance(obj, type):
        return [f"{obj!r} is not a class"]
    out = []
    for attr, tp in _CLASS_ATTRS:
        if not isinstance(getattr(obj, attr, None), tp):
            out.append(f"class attribute {attr!r} must be a {_tname(tp)}")
    langs: object = getattr(obj, "languages", frozenset())
    if isinstance(langs, frozenset) and not (langs and langs <= set(LANGS)):
        out.append(f"languages must be a non-empty subset of {set(LANGS)}")
    own = getattr(obj, "name", None)
    if name is not None and isinstance(own, str) and own != name:
        out.append(f"its name {own!r} differs from the registered name {name!r}")
    if not callable(getattr(obj, "extract", None)):
        out.append("it has no extract(document) method")
    config = getattr(obj, "Config", None)
    if not (isinstance(config, type) and dataclasses.is_dataclass(config)):
        out.append("Config must be a dataclass")
    elif not config.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        out.append("Config must be a frozen dataclass")
    else:
        no_default = [
            f.name
            for f in dataclasses.fields(config)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        if no_default:
            out.append(f"Config field {no_default[0]!r} needs a default")
    return out


def _tname(tp: type | tuple[type, ...]) -> str:
    return tp.__name__ if isinstance(tp, type) else " or ".join(t.__name__ for t in tp)


@dataclass(frozen=True)
class RunnerInfo:
    """A line of ``claimbench runners``: version is None when the runner cannot load (status says why)."""

    name: str
    version: str | None
    description: str
    status: str
    """"ok", or a short reason such as "not installed (pip install 'claimbench[peers]')"."""


class Registry:
    """The runners of the entry-point group (or of given entries, for tests)."""

    def __init__(self, entries: Iterable[RunnerEntry]) -> None:
        self._entries: dict[str, RunnerEntry] = {}
        for e in entries:
            seen = self._entries.get(e.name)
            if seen is not None and seen.target != e.target:
                raise RegistryError(
                    f"runner name {e.name!r} is registered twice: {seen.target} ({seen.distribution}) "
                    f"and {e.target} ({e.distribution})"
                )
            self._entries[e.name] = e

    @classmethod
    def from_entry_points(cls, group: str = GROUP) -> Registry:
        """Every runner installed in the environment (read now, not cached)."""
        found = []
        for ep in entry_points(group=group):
            dist = ep.dist.name if ep.dist is not None else None
            found.append(RunnerEntry(ep.name, ep.value.split("[")[0].strip(), dist, tuple(ep.extras)))
        return cls(sorted(found, key=lambda e: (e.name, e.target)))

    def names(self) -> list[str]:
        return sorted(self._entries)

    def entry(self, name: str) -> RunnerEntry:
        """The entry called name; an unknown name answers with the closest ones."""
        if name in self._entries:
            return self._entries[name]
        close = difflib.get_close_matches(name, self.names(), n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        known = f"known runners: {', '.join(self.names()) or 'none'}"
        raise RegistryError(f"unknown runner {name!r}; {hint or known}")

    def load(self, name: str) -> type[Runner]:
        return self.entry(name).load()

    def create(self, name: str, sets: Mapping[str, str] | None = None) -> Runner:
        """Load the runner called name and build it with its Config from ``--set`` strings."""
        entry = self.entry(name)
        cls = entry.load()
        config = build_config(cls.Config, sets or {}, runner=name)
        try:
            return cls(config)
        except ImportError as e:  # heavy imports deferred to the constructor
            missing = e.name or "?"
            raise MissingExtra(name, missing, entry.install_hint(missing, cls)) from None
        except (ValueError, OSError) as e:  # the runner refuses its config (a missing file, an empty cmd)
            raise RegistryError(f"runner {name!r}: {e}") from None

    def describe(self) -> list[RunnerInfo]:
        """Every runner with its version and description, loading each class; broken ones say why."""
        out = []
        for name in self.names():
            try:
                cls = self.load(name)
            except MissingExtra as e:
                hint = f" (pip install '{e.install}')" if e.install else f" (needs {e.module})"
                out.append(RunnerInfo(name, None, "", f"not installed{hint}"))
            except RegistryError as e:
                out.append(RunnerInfo(name, None, "", f"broken: {e}"))
            else:
                out.append(RunnerInfo(name, cls.version, cls.description, "ok"))
        return out
