"""The runner registry (entry points, checks, did-you-mean, missing extras), --set coercion, and runners that
come from other packages: a third-party dist-info and the README's example."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from bench.cli import app
from runners.config import ConfigError, build_config, config_hash, config_json, is_secret, parse_sets
from runners.registry import MissingExtra, Registry, RegistryError, RunnerEntry, _extra_providing
from tests.conftest import ROOT
from tests.dummy_runners import tiny_gold


def entry(
    name: str, target: str, dist: str | None = "claimbench", extras: tuple[str, ...] = ()
) -> RunnerEntry:
    return RunnerEntry(name, target, dist, extras)


def make_dist(root: Path, dist: str, module: str, code: str, entry_points: dict[str, str]) -> None:
    """An installed distribution without pip: a module and a *.dist-info with entry_points.txt on root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(code, encoding="utf-8")
    info = root / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{k} = {v}\n" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[claimbench.runners]\n{lines}", encoding="utf-8")


# --- the registry ---


def test_builtins_are_registered_as_entry_points() -> None:
    names = Registry.from_entry_points().names()
    assert {"baseline", "file", "command", "openai"} <= set(names)
    for name in ("file", "command"):
        cls = Registry.from_entry_points().load(name)
        assert cls.name == name and cls.io_bound


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(RegistryError, match=r"unknown runner 'comand'; did you mean 'command'\?"):
        Registry.from_entry_points().entry("comand")
    with pytest.raises(RegistryError, match=r"known runners: .*command, file"):
        Registry.from_entry_points().entry("zzzzzz")


def test_two_targets_under_one_name_are_refused() -> None:
    with pytest.raises(RegistryError, match=r"runner name 'x' is registered twice: a:A .* and b:B"):
        Registry([entry("x", "a:A"), entry("x", "b:B", "other")])
    assert Registry([entry("x", "a:A"), entry("x", "a:A")]).names() == ["x"]  # one dist seen twice


@pytest.mark.parametrize(
    ("target", "name", "problem"),
    [
        ("tests.dummy_runners:NoVersion", "noversion", "class attribute 'version' must be a str"),
        ("tests.dummy_runners:MutableConfigRunner", "mutable", "Config must be a frozen dataclass"),
        ("tests.dummy_runners:RequiredConfigRunner", "required", "Config field 'x' needs a default"),
        ("tests.dummy_runners:KlingonRunner", "klingon", "languages must be a non-empty subset"),
        ("tests.dummy_runners:NoExtract", "noextract", "it has no extract"),
        ("tests.dummy_runners:not_a_class", "x", "42 is not a class"),
        (
            "tests.dummy_runners:NumbersRunner",
            "digits",
            "its name 'numbers' differs from the registered name",
        ),
        ("tests.dummy_runners:Nothing", "x", "cannot load tests.dummy_runners:Nothing"),
        ("tests.no_such_module:X", "x", "cannot import tests.no_such_module:X"),
    ],
)
def test_objects_that_are_not_runners_are_refused(target: str, name: str, problem: str) -> None:
    with pytest.raises(RegistryError, match=re.escape(problem)):
        Registry([entry(name, target)]).load(name)


def test_a_missing_optional_dependency_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "needs_dep.py").write_text("import claimbench_test_missing_dep\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = Registry([entry("heavy", "needs_dep:Heavy", extras=("peers",))])
    with pytest.raises(MissingExtra) as err:
        reg.load("heavy")
    assert str(err.value) == (
        "runner 'heavy' needs 'claimbench_test_missing_dep', which is not installed: "
        "pip install 'claimbench[peers]'"
    )
    [info] = reg.describe()
    assert (info.name, info.version, info.status) == (
        "heavy",
        None,
        "not installed (pip install 'claimbench[peers]')",
    )


@pytest.mark.parametrize(
    ("module", "extra"),
    [("openai", "openai"), ("quantulum3", "peers"), ("recognizers_suite", "peers"), ("numpy", None)],
)
def test_the_extra_is_found_in_the_distribution_metadata(module: str, extra: str | None) -> None:
    assert _extra_providing("claimbench", module) == extra


def test_describe_lists_version_and_description() -> None:
    infos = {i.name: i for i in Registry.from_entry_points().describe()}
    assert infos["command"].version == "1" and infos["command"].status == "ok"
    assert infos["file"].description.startswith("Predictions made elsewhere")


# --- --set coercion ---


@dataclass(frozen=True)
class Settings:
    n: int = 1
    x: float = 0.5
    flag: bool = False
    name: str = "a"
    path: Path | None = None
    words: tuple[str, ...] = ()
    sizes: tuple[int, ...] = ()
    mode: Literal["fast", "slow"] = "fast"
    api_key: str | None = None


@pytest.mark.parametrize(
    ("sets", "field", "value"),
    [
        ({"n": "3"}, "n", 3),
        ({"x": "1e-3"}, "x", 0.001),
        ({"flag": "yes"}, "flag", True),
        ({"flag": "False"}, "flag", False),
        ({"name": "b=c"}, "name", "b=c"),
        ({"path": "runs/x.jsonl"}, "path", Path("runs/x.jsonl")),
        ({"path": "none"}, "path", None),
        ({"words": "python3 x.py --tag 'a b'"}, "words", ("python3", "x.py", "--tag", "a b")),
        ({"words": '["a b", "c"]'}, "words", ("a b", "c")),
        ({"sizes": "1 2 3"}, "sizes", (1, 2, 3)),
        ({"mode": "slow"}, "mode", "slow"),
    ],
)
def test_set_values_take_the_field_type(sets: dict[str, str], field: str, value: object) -> None:
    assert getattr(build_config(Settings, sets), field) == value


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        ({"m": "1"}, "runner 'r' has no setting 'm' (its settings: api_key, flag, mode, n, name, path"),
        ({"n": "1.5"}, "--set n=1.5: expected an integer"),
        ({"x": "nan"}, "--set x=nan: expected a finite number"),
        ({"flag": "maybe"}, "--set flag=maybe: expected true or false"),
        ({"mode": "medium"}, "--set mode=medium: expected one of fast, slow"),
        ({"sizes": "1 b"}, "--set sizes=1 b: expected an integer"),
        ({"words": "[1,"}, "--set words=[1,: invalid JSON array"),
    ],
)
def test_bad_set_is_one_clear_error(sets: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as err:
        build_config(Settings, sets, "r")
    assert str(err.value).startswith(message)


def test_set_items_need_an_equals_sign() -> None:
    assert parse_sets(["a=1", "b=x=y", "a=2"]) == {"a": "2", "b": "x=y"}
    with pytest.raises(ConfigError, match="--set 'a': expected key=value"):
        parse_sets(["a"])


def test_secrets_are_redacted_and_do_not_name_the_run() -> None:
    one, two = Settings(api_key="sk-1"), Settings(api_key="sk-2")
    assert config_json(one)["api_key"] == "***"
    assert config_json(Settings())["api_key"] is None
    assert "sk-1" not in json.dumps(config_json(one))
    assert config_hash("r", "1", one) == config_hash("r", "1", two)
    assert config_hash("r", "1", one) != config_hash("r", "1", Settings(n=2))
    assert config_hash("r", "1", one) != config_hash("r", "2", one)


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("api_key", True),
        ("apiKey", True),
        ("auth_token", True),
        ("access_key", True),
        ("password", True),
        ("secret", True),
        ("client_secret", True),
        ("token", True),
        ("max_tokens", False),
        ("tokenizer", False),
        ("keyword", False),
        ("keywords", False),
        ("top_k", False),
        ("monkey", False),
        ("auth_env", False),
        ("model", False),
    ],
)
def test_a_secret_is_a_name_with_a_secret_word_as_a_whole_part(name: str, secret: bool) -> None:
    assert is_secret(name) is secret


@dataclass(frozen=True)
class LLMSettings:
    model: str = "m"
    max_tokens: int = 512
    tokenizer: str = "bert-base"
    auth_token: str | None = None


def test_settings_that_merely_contain_a_secret_word_are_shown_and_name_the_run() -> None:
    small = LLMSettings(max_tokens=16, tokenizer="x", auth_token="tok-1")
    assert config_json(small) == {"model": "m", "max_tokens": 16, "tokenizer": "x", "auth_token": "***"}
    assert config_hash("r", "1", small) != config_hash("r", "1", LLMSettings(max_tokens=4096, tokenizer="x"))
    assert config_hash("r", "1", small) != config_hash("r", "1", LLMSettings(max_tokens=16, tokenizer="y"))
    assert config_hash("r", "1", small) == config_hash("r", "1", LLMSettings(max_tokens=16, tokenizer="x"))


# --- runners from other packages ---

THIRD_PARTY = """
from bench.types import PredictedClaim
from runners.base import BaseRunner


class ShoutRunner(BaseRunner):
    name = "shout"
    version = "2.0"
    description = "Third-party test runner: the title, shouted."

    def extract(self, document):
        if document.title == "p01":
            raise KeyboardInterrupt
        return [PredictedClaim(metric=document.title.upper())]
"""


def test_a_third_party_runner_is_listed_and_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_dist(
        tmp_path / "site",
        "shout-extractor",
        "shout_runner",
        THIRD_PARTY,
        {"shout": "shout_runner:ShoutRunner"},
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    listing = CliRunner().invoke(app, ["runners"])
    assert listing.exit_code == 0
    assert re.search(r"shout\s+2\.0\s+Third-party test runner: the title, shouted\.", listing.output)
    monkeypatch.setattr("bench.run_cli.load_gold", lambda spec: tiny_gold(1))
    out = tmp_path / "runs"
    result = CliRunner().invoke(app, ["run", "shout", "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    [run_dir] = out.iterdir()
    assert run_dir.name.startswith("shout-")
    recs = [json.loads(x) for x in (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["claims"] for r in recs] == [[{"metric": "P00"}], [{"metric": "P00"}]]


def test_ctrl_c_in_the_cli_is_one_line_and_resumable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_dist(
        tmp_path / "site",
        "shout-extractor",
        "shout_runner",
        THIRD_PARTY,
        {"shout": "shout_runner:ShoutRunner"},
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr("bench.run_cli.load_gold", lambda spec: tiny_gold(2))
    result = CliRunner().invoke(app, ["run", "shout", "--out", str(tmp_path / "runs"), "--no-progress"])
    assert result.exit_code == 130
    assert "interrupted: finished documents are saved in" in result.output
    [run_dir] = (tmp_path / "runs").iterdir()
    lines = (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == ["p00.en", "p00.fr"]


def readme_runner_example() -> tuple[str, dict[str, str]]:
    """The Python and TOML blocks of the README's "Write your own runner" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Write your own runner", 1)[1].split("\n## ", 1)[0]
    [code] = re.findall(r"```python\n(.+?)```", section, flags=re.S)
    [toml] = re.findall(r"```toml\n(.+?)```", section, flags=re.S)
    assert toml.startswith('[project.entry-points."claimbench.runners"]\n')
    return code, dict(re.findall(r'^(\w+) = "([^"]+)"$', toml, flags=re.M))


def test_the_readme_example_runner_registers_and_evaluates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, eps = readme_runner_example()
    assert eps == {"percents": "my_extractor:PercentRunner"}
    make_dist(tmp_path / "site", "my-extractor", "my_extractor", code, eps)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    cls = Registry.from_entry_points().load("percents")
    out = tmp_path / "runs"
    args = ["run", "percents", "--set", "min_value=1", "--split", "test", "--out", str(out), "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    [run_dir] = out.iterdir()
    assert json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["runner"]["config"] == {
        "min_value": 1.0
    }
    recs = [json.loads(x) for x in (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    seed = next(r for r in recs if r["doc_id"] == "xinhua-shenzhen-industries-2024.en")
    assert {c["value"] for c in seed["claims"]} == {104.2, 10.6, 21.1}
    assert all(c["evidence"]["text"].endswith("percent") for c in seed["claims"])
    assert cls.name == "percents"


def test_builtin_runners_without_their_extras_say_what_to_install() -> None:
    """In a fresh interpreter where openai and the peers' libraries cannot be imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for m in ('openai', 'quantulum3', 'recognizers_suite'): sys.modules[m] = None\n"
        "from typer.testing import CliRunner\n"
        "from bench.cli import app\n"
        "print(CliRunner().invoke(app, ['runners']).output)\n"
        "r = CliRunner().invoke(app, ['run', 'openai'])\n"
        "print(r.exit_code, r.output)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "not installed (pip install 'claimbench[openai]')" in rows["openai"]
    assert "not installed (pip install 'claimbench[peers]')" in rows["quantulum3"]
    assert "not installed (pip install 'claimbench[peers]')" in rows["recognizers"]
    assert "1.0" not in rows["openai"] and rows["baseline"].split()[1] != "-"
    assert (
        "2 error: runner 'openai' needs 'openai', which is not installed: pip install 'claimbench[openai]'"
        in out
    )
