"""claimbench export-hf: the offline round trip through datasets.load_dataset, the card, determinism, the
licence allow-list, gold from an exported folder or a Hub id, and --push with only the network replaced."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets
import pytest
from huggingface_hub import DatasetCard, HfApi
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bench.card import Table
from bench.cli import app
from bench.export_hf import ExportError, export_hf, split_by_license, write_parquet
from bench.figures import FiguresError, tables_from_json, tables_json
from bench.gold import GoldError, GoldSet, gold_hash, load_gold
from bench.hf_format import (
    CONFIGS,
    REDISTRIBUTABLE,
    data_file,
    document_row,
    features,
    gold_json,
    pair_gold_json,
    pair_rows,
)
from bench.types import Alternative, Document, Evidence, GoldClaim, PredictedClaim
from bench.validate_cli import run_validate
from tests.conftest import ROOT, seed_json

runner = CliRunner()
CLAIM_FIELDS = tuple(GoldClaim.__dataclass_fields__)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the network: datasets and huggingface_hub run in offline mode."""
    import huggingface_hub.constants

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


# --- fixture corpus: every optional field exercised -----------------------------------------------------


def _authored(d: dict[str, Any], pair_id: str, split: str) -> dict[str, Any]:
    lang = d["lang"]
    d.update(pair_id=pair_id, doc_id=f"{pair_id}.{lang}", split=split, license="CC-BY-4.0")
    d["source"] = {
        "publisher": "claimbench authored newswire",
        "url": None,
        "kind": "authored",
        "translated_from": "en" if lang == "fr" else None,
    }
    return d


def _fixture_docs() -> list[dict[str, Any]]:
    """Two authored pairs built from the seed (test and dev) with a note, a change-only claim, a range
    alternative, a claim only fr states, a document without distractors; plus the restricted seed."""
    out = []
    for lang in ("en", "fr"):
        a = _authored(seed_json(lang), "pair-a", "test")
        a["claims"][0]["note"] = "annotator's note"
        a["claims"][1]["alternatives"] = [{"value": 2.32e9, "value_high": 2.4e9, "unit": "USD"}]
        c3 = a["claims"][2]
        c3.update(value=None, unit=None, alternatives=[], tags=[*c3["tags"], "change-only"])
        if lang == "fr":
            a.pop("distractors")
        out.append(a)
        b = _authored(seed_json(lang), "pair-b", "dev")
        if lang == "en":
            del b["claims"][3]
        out.append(b)
        out.append(seed_json(lang))
    return out


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gold")
    for d in _fixture_docs():
        (root / d["split"]).mkdir(exist_ok=True)
        (root / d["split"] / f"{d['doc_id']}.json").write_text(json.dumps(d, ensure_ascii=False), "utf-8")
    return root


@pytest.fixture(scope="module")
def gold(gold_dir: Path) -> GoldSet:
    return load_gold(gold_dir)


@pytest.fixture(scope="module")
def kept(gold: GoldSet) -> tuple[Document, ...]:
    return tuple(d for d in gold.documents if d.license in REDISTRIBUTABLE)


@pytest.fixture(scope="module")
def out_dir(gold: GoldSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "claimbench"
    export_hf(gold, out, exclude_restricted=True)
    return out


def _load(out: Path, config: str, split: str, cache: Path) -> Any:
    return datasets.load_dataset(str(out), config, split=split, cache_dir=str(cache))


# --- the round trip ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("config", "split"), [(c, s) for c in ("en", "fr") for s in ("dev", "test")])
def test_round_trip_returns_exactly_the_gold_claims(
    out_dir: Path, kept: tuple[Document, ...], tmp_path: Path, config: str, split: str
) -> None:
    ds = _load(out_dir, config, split, tmp_path)
    expected = [d for d in kept if d.lang == config and d.split == split]
    assert [r["doc_id"] for r in ds] == [d.doc_id for d in expected]
    for row, doc in zip(ds, expected, strict=True):
        assert len(row["claims"]) == len(doc.claims)
        for got, want in zip(row["claims"], doc.claims, strict=True):
            for name in CLAIM_FIELDS:
                value = getattr(want, name)
                if name == "evidence":
                    assert got[name] == value.to_json()
                elif name == "alternatives":
                    assert got[name] == [{"value_high": None, **a.to_json()} for a in value]
                elif isinstance(value, tuple):
                    assert tuple(got[name]) == value, name
                else:
                    assert got[name] == value, name
        assert Document.from_json(gold_json(row)) == doc


def test_round_trip_features_are_the_declared_ones(out_dir: Path, tmp_path: Path) -> None:
    for config in CONFIGS:
        assert _load(out_dir, config, "test", tmp_path).features == features(config)


def test_nulls_survive_the_round_trip(out_dir: Path, tmp_path: Path) -> None:
    en = _load(out_dir, "en", "test", tmp_path)[0]
    fr = _load(out_dir, "fr", "test", tmp_path)[0]
    c1, c2, c3 = en["claims"][:3]
    assert c1["note"] == "annotator's note" and c2["note"] is None
    assert c2["period"] is None and c2["value_high"] is None
    assert c2["alternatives"] == [{"value": 2.32e9, "value_high": 2.4e9, "unit": "USD"}]
    assert c3["value"] is None and c3["unit"] is None and c3["alternatives"] == []
    assert en["distractors"][0]["note"] is not None and en["distractors"][1]["note"] is None
    assert fr["distractors"] == []
    assert en["source"]["url"] is None and en["source"]["translated_from"] is None


@pytest.mark.parametrize("split", ["dev", "test"])
def test_pairs_link_both_languages_by_align_id(
    out_dir: Path, kept: tuple[Document, ...], tmp_path: Path, split: str
) -> None:
    ds = _load(out_dir, "pairs", split, tmp_path)
    for row in ds:
        for lang, side in zip(("en", "fr"), pair_gold_json(row), strict=True):
            want = next(d for d in kept if d.pair_id == row["pair_id"] and d.lang == lang)
            got = Document.from_json(side)
            assert got.title == want.title and got.distractors == want.distractors
            assert {c.align_id: c for c in got.claims} == {c.align_id: c for c in want.claims}
        for link in row["claims"]:
            present = [link[lang] for lang in ("en", "fr") if link[lang] is not None]
            assert present and all(c["align_id"] == link["align_id"] for c in present)
    if split == "dev":  # pair-b: the en version lacks the fourth claim
        (row,) = ds
        assert [link["en"] is None for link in row["claims"]] == [False, False, False, True]


# --- the card ------------------------------------------------------------------------------------------


def test_card_metadata_parses_and_points_at_every_file(out_dir: Path, kept: tuple[Document, ...]) -> None:
    card = DatasetCard.load(out_dir / "README.md")
    meta = card.data.to_dict()
    assert meta["license"] == "cc-by-4.0"
    assert meta["language"] == ["en", "fr"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["pretty_name"] and meta["task_categories"]
    assert [c["config_name"] for c in meta["configs"]] == list(CONFIGS)
    for c in meta["configs"]:
        paths = [f["path"] for f in c["data_files"]]
        assert paths == [data_file(c["config_name"], s) for s in ("dev", "test")]
        assert all((out_dir / p).is_file() for p in paths)
    text = card.text
    assert "2 article pairs (4 documents) with 7 gold claims in\nEnglish and 8 in French" in text
    assert f"Gold content hash `{gold_hash(kept)}`" in text
    assert "`xinhua-shenzhen-industries-2024`: LicenseRef-Xinhua-all-rights-reserved" in text
    assert "| `change-only` | 1 | 1 |" in text
    assert "| en → fr | 2 |" in text
    assert text.count("Not yet measured.") == 2


def test_card_field_descriptions_come_from_the_schema(out_dir: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "gold-document.schema.json").read_text("utf-8"))
    text = (out_dir / "README.md").read_text("utf-8")
    claim = schema["$defs"]["gold_claim"]["properties"]
    for name in ("value", "period", "yoy_change", "qualifier", "metric"):
        assert f"| `claims[].{name}` |" in text
        assert claim[name]["description"] in text
    assert schema["properties"]["text"]["description"] in text


def test_card_shows_the_figures_given(gold: GoldSet, tmp_path: Path) -> None:
    figures = {
        "tables": [
            {
                "caption": "Agreement (F1)",
                "columns": ["metric", "value"],
                "rows": [{"label": "en", "values": [0.91, None]}],
            }
        ]
    }
    tables = tables_from_json(figures, "agreement.json")
    export_hf(gold, tmp_path / "o", exclude_restricted=True, agreement=tables, baseline=tables)
    text = (tmp_path / "o" / "README.md").read_text("utf-8")
    assert "| en | 0.910 | - |" in text and "Not yet measured." not in text
    assert tables_json(tables) == figures


def test_a_scores_json_becomes_the_card_tables(kept: tuple[Document, ...], tmp_path: Path) -> None:
    from bench.figures import read_tables
    from bench.score import score
    from bench.types import Prediction

    # en predicted perfectly (7 claims), fr not at all (8 claims missed)
    preds = [
        Prediction(d.doc_id, tuple(map(PredictedClaim.from_gold, d.claims)) if d.lang == "en" else ())
        for d in kept
    ]
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(score(kept, preds).to_json()), "utf-8")
    main, subsets, tags = read_tables(path, "baseline")
    assert main.columns == (
        "metric",
        "value",
        "unit",
        "period",
        "yoy_change",
        "claim_located",
        "claim_exact",
    )
    rows = dict(main.rows)
    assert rows["en"] == (1.0,) * 7 and rows["fr"] == (0.0,) * 7
    # micro F1 = 2 tp / (2 tp + fn) over the claims holding that field: en finds its 7 claims, 6 values,
    # 5 periods and 5 yoy changes; fr misses its 8, 7, 6 and 6
    assert rows["micro"] == (14 / 22, 12 / 19, 12 / 19, 10 / 16, 10 / 16, 14 / 22, 14 / 22)
    assert rows["macro"] == (0.5,) * 7
    assert [label for label, _ in subsets.rows] == ["challenge / en", "challenge / fr"]
    # per tag, recall: change-only is found in en, missed in fr; it has no value, so value and unit have
    # nothing to find (no figure rather than a vacuous 1)
    assert dict(tags.rows)["`change-only`"] == (0.5, None, None, 0.5, 0.5, 0.5, 0.5)
    assert "Baseline recall per tag" in tags.caption
    assert "signature `claimbench:" in main.caption
    wrapped = tmp_path / "agreement.json"
    wrapped.write_text(
        json.dumps({"pairs": ["pair-a"], "scores": json.loads(path.read_text("utf-8"))}), "utf-8"
    )
    (agreement,) = read_tables(wrapped, "agreement")
    assert agreement == Table(agreement.caption, main.columns, main.rows)
    assert "second, independent annotation" in agreement.caption


def test_a_broken_scores_json_is_one_located_line(tmp_path: Path) -> None:
    from bench.figures import read_tables

    path = tmp_path / "scores.json"
    path.write_text('{"per_lang": {"en": {}}}', "utf-8")
    with pytest.raises(FiguresError, match=f"^{path}: not a claimbench scores.json"):
        read_tables(path, "baseline")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "/tables: missing or not a list"),
        ({"tables": [{"caption": "c", "columns": ["a"]}]}, "/tables/0/rows: missing or not a list"),
        ({"tables": [{"caption": "c", "columns": [1], "rows": []}]}, "/tables/0/columns: must be a list"),
        (
            {"tables": [{"caption": "c", "columns": ["a"], "rows": [{"label": "x", "values": [1, 2]}]}]},
            "/tables/0/rows/0/values: must be 1 numbers",
        ),
        (
            {"tables": [{"caption": "c", "columns": ["a"], "rows": [{"label": "x", "values": [True]}]}]},
            "/tables/0/rows/0/values",
        ),
    ],
)
def test_malformed_figures_are_located(data: Any, message: str) -> None:
    with pytest.raises(FiguresError, match="^f.json: " + message.replace("(", r"\(")):
        tables_from_json(data, "f.json")


# --- determinism ---------------------------------------------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_exporting_twice_gives_byte_identical_files(gold: GoldSet, out_dir: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    again = tmp_path / "again"
    export_hf(gold, again, exclude_restricted=True)
    first = _files(out_dir)
    assert _files(again) == first
    export_hf(gold, again, exclude_restricted=True)  # over a previous export
    assert _files(again) == first
    for name in first:
        if name.endswith(".parquet"):
            meta = pq.read_metadata(again / name)
            assert set(meta.metadata) == {b"ARROW:schema", b"huggingface"}
            assert json.loads(meta.metadata[b"huggingface"]) == {
                "info": {"features": features(name.split("/")[0]).to_dict()}
            }


# --- licences ------------------------------------------------------------------------------------------


def test_a_restricted_licence_stops_the_export_naming_the_documents(gold: GoldSet, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as e:
        export_hf(gold, tmp_path / "o")
    msg = str(e.value)
    assert msg.startswith("2 documents may not be redistributed: xinhua-shenzhen-industries-2024.en ")
    assert "LicenseRef-Xinhua-all-rights-reserved" in msg and "--exclude-restricted" in msg
    assert not (tmp_path / "o").exists()


def test_a_pair_is_left_out_whole_when_one_side_is_restricted(gold: GoldSet) -> None:
    docs = [d for d in gold.documents if d.pair_id == "pair-a"]
    en, fr = sorted(docs, key=lambda d: d.lang)
    mixed = (en, Document(**{**fr.__dict__, "license": "LicenseRef-x"}))
    assert split_by_license(mixed, exclude_restricted=True) == ((), mixed)


# --- gold from anywhere --------------------------------------------------------------------------------


def test_gold_from_an_exported_folder_is_the_same_gold(out_dir: Path, kept: tuple[Document, ...]) -> None:
    loaded = load_gold(out_dir)
    assert loaded.documents == kept
    assert loaded.content_hash == gold_hash(kept)


def test_gold_from_a_hub_id_goes_through_load_dataset(
    out_dir: Path, kept: tuple[Document, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = datasets.load_dataset
    calls: list[tuple[str, str]] = []

    def hub(path: str, name: str, **kw: Any) -> Any:
        calls.append((path, name))
        return real(str(out_dir), name, **{**kw, "cache_dir": str(tmp_path)})

    monkeypatch.setattr(datasets, "load_dataset", hub)
    loaded = load_gold("someone/claimbench")
    assert calls == [("someone/claimbench", "en"), ("someone/claimbench", "fr")]
    assert loaded.content_hash == gold_hash(kept) and loaded.source == "someone/claimbench"


def test_a_hub_id_that_cannot_load_is_one_located_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(path: str, name: str, **kw: Any) -> Any:
        raise ConnectionError(
            "Couldn't reach 'someone/missing' on the Hub (LocalEntryNotFoundError)\ndetails"
        )

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(GoldError) as e:
        load_gold("someone/missing")
    (p,) = e.value.problems
    reason = "Couldn't reach 'someone/missing' on the Hub (LocalEntryNotFoundError)"
    assert p.located() == f"someone/missing: /: cannot load config 'en': {reason}"


def test_a_missing_path_that_is_no_hub_id_is_refused() -> None:
    with pytest.raises(GoldError, match="no such gold folder or file, and not a Hub id"):
        load_gold("no/such/gold/folder")


def test_an_export_with_invalid_gold_is_refused_with_located_problems(
    out_dir: Path, tmp_path: Path, kept: tuple[Document, ...]
) -> None:
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(out_dir, bad)
    rows = [document_row(d) for d in kept if d.lang == "en" and d.split == "test"]
    rows[0]["claims"][0]["evidence"]["start"] += 1
    rows[0]["subset"] = "news"
    write_parquet(rows, features("en"), bad / data_file("en", "test"))
    with pytest.raises(GoldError) as e:
        load_gold(bad)
    where = f"{bad}:en/test[0]"
    assert {p.located().split(": ")[1] for p in e.value.problems} == {"/claims/0/evidence/text", "/subset"}
    assert all(p.path == where for p in e.value.problems)
    report = run_validate([bad])  # validate checks an export as --gold loads it
    assert [p.located() for p in report.problems] == [p.located() for p in e.value.problems]
    assert report.errors == 2 and run_validate([out_dir]).errors == 0


# --- property: rows are the documents, through Arrow ---------------------------------------------------

_num = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=64))
_claim = st.builds(
    GoldClaim,
    claim_id=st.from_regex(r"c[0-9]{1,3}", fullmatch=True),
    align_id=st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    metric=st.text(min_size=1, max_size=12),
    value=_num,
    unit=st.one_of(st.none(), st.sampled_from(["USD", "percent", "count"])),
    period=st.one_of(st.none(), st.sampled_from(["2024", "2024-Q1", "2023/2024"])),
    yoy_change=_num,
    yoy_unit=st.one_of(st.none(), st.just("percent")),
    qualifier=st.sampled_from(["exact", "approx", "range"]),
    evidence=st.builds(Evidence, st.integers(0, 9), st.integers(10, 99), st.text(min_size=1, max_size=5)),
    tags=st.lists(st.sampled_from(["title", "range", "bound"]), unique=True).map(tuple),
    metric_aliases=st.lists(st.text(min_size=1, max_size=5), max_size=2).map(tuple),
    value_high=_num,
    alternatives=st.lists(
        st.builds(Alternative, st.floats(allow_nan=False, allow_infinity=False), st.just("EUR"), _num),
        max_size=2,
    ).map(tuple),
    note=st.one_of(st.none(), st.text(max_size=8)),
)


@settings(max_examples=40, deadline=None)
@given(claims=st.lists(_claim, max_size=4))
def test_rows_through_arrow_give_back_the_documents(claims: list[GoldClaim]) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]

    base = Document.from_json(seed_json("en"))
    docs = [Document(**{**base.__dict__, "claims": tuple(claims)})]
    table = pa.Table.from_pylist([document_row(d) for d in docs], schema=features("en").arrow_schema)
    assert [Document.from_json(gold_json(r)) for r in table.to_pylist()] == docs
    pairs = pa.Table.from_pylist(
        pair_rows([*docs, Document(**{**docs[0].__dict__, "lang": "fr", "doc_id": "x.fr"})]),
        schema=features("pairs").arrow_schema,
    )
    en, _ = pair_gold_json(pairs.to_pylist()[0])
    assert {c.align_id: c for c in Document.from_json(en).claims} == {c.align_id: c for c in claims}


# --- the bundled gold ----------------------------------------------------------------------------------


def test_the_bundled_gold_round_trips(tmp_path: Path) -> None:
    bundled = load_gold()
    want = tuple(d for d in bundled.documents if d.license in REDISTRIBUTABLE)
    if not want:
        pytest.skip("the bundled gold has no redistributable document yet")
    export_hf(bundled, tmp_path / "o", exclude_restricted=True)
    assert load_gold(tmp_path / "o").documents == want


# --- the command line ----------------------------------------------------------------------------------


def _invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["export-hf", *args], env=env)


def test_cli_exports_and_summarizes(gold_dir: Path, tmp_path: Path) -> None:
    r = _invoke(str(tmp_path / "o"), "--gold", str(gold_dir), "--exclude-restricted")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("exported 2 pairs, 4 documents, 15 claims")
    assert (
        "left out for their licence: xinhua-shenzhen-industries-2024.en, xinhua-shenzhen-industries-2024.fr"
        in r.stdout
    )


def _one_error_line(r: Any) -> str:
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in r.output
    return str(lines[0])


@pytest.fixture
def figures_file(tmp_path: Path) -> Iterator[Path]:
    p = tmp_path / "fig.json"
    p.write_text('{"tables": [', "utf-8")
    yield p


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ([], "2 documents may not be redistributed: xinhua-shenzhen-industries-2024.en"),
        (["--exclude-restricted", "--public"], "--public only applies with --push REPO_ID"),
        (["--exclude-restricted", "--agreement", "FIG"], "fig.json:1"),
        (["--exclude-restricted", "--baseline", "NOFILE"], "nofile.json"),
    ],
)
def test_cli_error_paths(
    gold_dir: Path, tmp_path: Path, figures_file: Path, extra: list[str], expected: str
) -> None:
    args = [
        a.replace("FIG", str(figures_file)).replace("NOFILE", str(tmp_path / "nofile.json")) for a in extra
    ]
    line = _one_error_line(_invoke(str(tmp_path / "o"), "--gold", str(gold_dir), *args))
    assert expected in line


def test_cli_refuses_baseline_scores_of_another_gold(gold_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    full = runner.invoke(
        app, ["evaluate", "--gold", str(gold_dir), "--out", str(tmp_path / "r1"), "--no-progress"]
    )
    assert full.exit_code == 0, full.output
    [scores] = (tmp_path / "r1").glob("*/scores.json")  # made on all 6 documents, the seed pair included
    line = _one_error_line(
        _invoke(str(out), "--gold", str(gold_dir), "--exclude-restricted", "--baseline", str(scores))
    )
    assert "scores made on gold:" in line and "but the export holds gold:" in line
    assert _invoke(str(out), "--gold", str(gold_dir), "--exclude-restricted").exit_code == 0
    on_export = runner.invoke(
        app, ["evaluate", "--gold", str(out), "--out", str(tmp_path / "r2"), "--no-progress"]
    )
    assert on_export.exit_code == 0, on_export.output
    [scores] = (tmp_path / "r2").glob("*/scores.json")
    again = _invoke(
        str(tmp_path / "o2"), "--gold", str(gold_dir), "--exclude-restricted", "--baseline", str(scores)
    )
    assert again.exit_code == 0, again.output


def test_cli_refuses_a_missing_gold(tmp_path: Path) -> None:
    line = _one_error_line(_invoke(str(tmp_path / "o"), "--gold", str(tmp_path / "nowhere")))
    assert "no such gold folder or file" in line


def test_cli_refuses_gold_with_only_restricted_documents(tmp_path: Path) -> None:
    for lang in ("en", "fr"):
        d = seed_json(lang)
        (tmp_path / f"{d['doc_id']}.json").write_text(json.dumps(d), "utf-8")
    line = _one_error_line(_invoke(str(tmp_path / "o"), "--gold", str(tmp_path), "--exclude-restricted"))
    assert "nothing to export" in line


@pytest.mark.parametrize("occupied", ["file", "foreign"])
def test_cli_refuses_to_overwrite_what_is_not_an_export(
    gold_dir: Path, tmp_path: Path, occupied: str
) -> None:
    out = tmp_path / "o"
    if occupied == "file":
        out.write_text("x")
    else:
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    line = _one_error_line(_invoke(str(out), "--gold", str(gold_dir), "--exclude-restricted"))
    assert ("is a file" if occupied == "file" else "is not empty") in line
    assert occupied == "file" or (out / "notes.txt").read_text() == "mine"


# --- push: only the network boundary is replaced -------------------------------------------------------


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    sent: dict[str, Any] = {}

    def create_repo(self: HfApi, repo_id: str, **kw: Any) -> str:
        sent["create_repo"] = {"repo_id": repo_id, **kw}
        sent["token"] = self.token
        return f"https://huggingface.co/datasets/{repo_id}"

    def upload_folder(self: HfApi, **kw: Any) -> None:
        sent["upload_folder"] = kw
        sent["files"] = _files(Path(kw["folder_path"]))

    monkeypatch.setattr(HfApi, "create_repo", create_repo)
    monkeypatch.setattr(HfApi, "upload_folder", upload_folder)
    return sent


@pytest.mark.parametrize("public", [False, True])
def test_push_sends_the_export(gold_dir: Path, tmp_path: Path, hub: dict[str, Any], public: bool) -> None:
    out = tmp_path / "o"
    args = [str(out), "--gold", str(gold_dir), "--exclude-restricted", "--push", "me/claimbench"]
    r = _invoke(*args, *(["--public"] if public else []), env={"HF_TOKEN": "hf_test"})
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines()[-1] == "pushed to https://huggingface.co/datasets/me/claimbench"
    assert hub["token"] == "hf_test"
    assert hub["create_repo"] == {
        "repo_id": "me/claimbench",
        "repo_type": "dataset",
        "private": not public,
        "exist_ok": True,
    }
    up = hub["upload_folder"]
    assert (up["repo_id"], up["repo_type"], Path(up["folder_path"])) == ("me/claimbench", "dataset", out)
    assert sorted(hub["files"]) == [
        "README.md",
        *sorted(data_file(c, s) for c in CONFIGS for s in ("dev", "test")),
    ]
    assert b'load_dataset("me/claimbench", "fr", split="test")' in hub["files"]["README.md"]


def test_push_without_a_token_is_one_line(gold_dir: Path, tmp_path: Path, hub: dict[str, Any]) -> None:
    r = _invoke(
        str(tmp_path / "o"),
        "--gold",
        str(gold_dir),
        "--exclude-restricted",
        "--push",
        "me/cb",
        env={"HF_TOKEN": ""},
    )
    assert "HF_TOKEN is not set" in _one_error_line(r)
    assert hub == {} and not (tmp_path / "o").exists()  # refused before any work


def test_push_without_a_network_is_one_line(
    gold_dir: Path, tmp_path: Path, hub: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(self: HfApi, **kw: Any) -> None:
        raise ConnectionError("Failed to resolve 'huggingface.co'\nmore")

    monkeypatch.setattr(HfApi, "upload_folder", unreachable)
    r = _invoke(
        str(tmp_path / "o"),
        "--gold",
        str(gold_dir),
        "--exclude-restricted",
        "--push",
        "me/cb",
        env={"HF_TOKEN": "t"},
    )
    line = _one_error_line(r)
    assert line == "error: push to me/cb failed: ConnectionError: Failed to resolve 'huggingface.co'"


def test_evaluate_scores_the_same_on_the_export_as_on_the_gold_folder(
    out_dir: Path, kept: tuple[Document, ...], tmp_path: Path
) -> None:
    gold_folder = tmp_path / "gold"
    gold_folder.mkdir()
    for d in kept:
        (gold_folder / f"{d.doc_id}.json").write_text(json.dumps(d.to_json(), ensure_ascii=False), "utf-8")
    preds = tmp_path / "preds.jsonl"
    lines = [
        {"doc_id": d.doc_id, "claims": [PredictedClaim.from_gold(c).to_json() for c in d.claims[::2]]}
        for d in kept
    ]
    preds.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    scores = []
    for name, gold_ref in (("a", gold_folder), ("b", out_dir)):
        args = ["evaluate", "file", "--set", f"path={preds}", "--gold", str(gold_ref)]
        r = runner.invoke(app, [*args, "--out", str(tmp_path / name), "--no-progress"])
        assert r.exit_code == 0, r.output
        (path,) = (tmp_path / name).glob("*/scores.json")
        scores.append(json.loads(path.read_text("utf-8")))
    assert scores[0] == scores[1]
    assert f"gold:{gold_hash(kept)}" in scores[0]["signature"]
    assert 0 < scores[0]["headline"]["value"] < 1


def test_the_card_takes_the_agreement_study_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.figures import card_figures, read_tables

    study = ROOT / "annotation" / "agreement.json"
    assert card_figures(None, None).agreement == read_tables(study, "agreement") != ()
    monkeypatch.setenv("CLAIMBENCH_HOME", str(tmp_path))  # a project without the study: nothing measured
    assert card_figures(None, None).agreement == ()


def test_cli_card_measures_the_baseline_by_default(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = _invoke(str(out), "--exclude-restricted")
    assert result.exit_code == 0, result.output
    card = (out / "README.md").read_text(encoding="utf-8")
    baseline = card.split("## Baseline results", 1)[1].split("\n## ", 1)[0]
    assert "Not yet measured." not in baseline
    kept, _ = split_by_license(load_gold().documents, exclude_restricted=True)
    assert f"F1 of the baseline scored against the gold, {len(kept)} documents" in baseline
