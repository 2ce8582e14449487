"""Held-out check: heldout/round1/ and heldout/round2/ are valid gold, and the normalizers read the surface
forms the round 1 texts contain.

heldout/round1/ holds 10 authored EN/FR article pairs written after the baseline and the normalizers, in the
styles of real wires (earnings, inflation, port statistics, a regional paper, a press release, a Swiss bank, a
utility, a markets wrap, West African agriculture, trade data). Every expected value below was written by
hand from the texts and gold/GUIDELINES.md, not by running the code. Only the public normalizer API is used.
Forms the normalizers misread when this file was written were reported to the owner, fixed, and added here
(12.5pc, 4.6m, US$1.2-billion, 5,8 G$; Norwegian crowns, pc, M€/Md€/Mds€/M£, FCFA/CFA francs; "the first
three quarters", "In January-July", "10/03/2025"; a year next to a change, "+6.1% vs. 2024").
"""

from __future__ import annotations

import math

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.gold import load_gold
from bench.normalize import normalize_period, normalize_unit, normalize_yoy, parse_number
from bench.types import Lang
from tests.conftest import ROOT

HELDOUT = ROOT / "heldout" / "round1"
MINUS = "\u2212"  # the typographic minus sign
NNBSP = "\u202f"  # narrow no-break space, French thousands separator


def test_heldout_validates() -> None:
    result = CliRunner().invoke(app, ["validate", str(HELDOUT)])
    assert result.exit_code == 0, result.output
    assert "20 gold files" in result.output and " 0 errors" in result.output


def test_round_two_is_eight_blind_authored_test_pairs() -> None:
    """heldout/round2/ was written by an annotator who read no code and ran no extractor (its README)."""
    round2 = ROOT / "heldout" / "round2"
    result = CliRunner().invoke(app, ["validate", str(round2)])
    assert result.exit_code == 0 and "16 gold files" in result.output and " 0 errors" in result.output
    docs = load_gold(round2).documents
    assert len({d.pair_id for d in docs}) == 8 and len(docs) == 16
    assert {d.split for d in docs} == {"test"} and {d.source.kind for d in docs} == {"authored"}
    assert {d.license for d in docs} == {"CC-BY-4.0"}


def test_heldout_is_ten_authored_test_pairs() -> None:
    gold = load_gold(HELDOUT)
    docs = gold.documents
    assert len(docs) == 20
    assert len({d.pair_id for d in docs}) == 10
    assert {d.split for d in docs} == {"test"}
    assert {d.source.kind for d in docs} == {"authored"}
    assert all(6 <= len(d.claims) <= 10 for d in docs)


# (surface form, language, expected value): values as a runner would copy them from the held-out texts.
NUMBERS: list[tuple[str, Lang, float]] = [
    ("$412 mln", "en", 412e6),
    ("$1.05 billion", "en", 1.05e9),
    ("$1.5bn", "en", 1.5e9),
    ("6.2 per cent", "en", 6.2),
    ("212.40", "en", 212.4),
    ("412 M$", "fr", 412e6),
    ("1,2 Md$", "fr", 1.2e9),
    ("1,05 milliard de dollars", "fr", 1.05e9),
    ("6,2 pour cent", "fr", 6.2),
    ("212,40", "fr", 212.4),
    ("14,2 Mds€", "fr", 14.2e9),
    ("€14.2bn", "en", 14.2e9),
    ("28.6 mln", "en", 28.6e6),
    ("512 mln tonnes", "en", 512e6),
    ("386.4 bln yuan", "en", 386.4e9),
    ("28,6 millions d'EVP", "fr", 28.6e6),
    ("£310m", "en", 310e6),
    ("9,800", "en", 9800),
    ("£450k", "en", 450e3),
    ("310 M£", "fr", 310e6),
    ("9 800", "fr", 9800),
    ("450 000 livres", "fr", 450e3),
    ("3,5 Md€", "fr", 3.5e9),
    ("3 512,4 M€", "fr", 3512.4e6),
    ("€3,512.4 million", "en", 3512.4e6),
    ("€612M", "en", 612e6),
    ("201,7 M€", "fr", 201.7e6),
    ("1,08 Md€", "fr", 1.08e9),
    ("€1.08bn", "en", 1.08e9),
    ("1,45 €", "fr", 1.45),
    ("€1.45", "en", 1.45),
    ("CHF 1'234 million", "en", 1234e6),
    ("CHF 1'234 millions", "fr", 1234e6),
    ("2'140", "fr", 2140),
    ("2'140", "en", 2140),
    ("184,6 millions de francs", "fr", 184.6e6),
    ("98.7 billion francs", "en", 98.7e9),
    ("96,50 francs", "fr", 96.5),
    ("8,4 TWh", "fr", 8.4),
    ("C$412.6M", "en", 412.6e6),
    ("412,6 M$", "fr", 412.6e6),
    ("1 234,5 millions de dollars", "fr", 1234.5e6),
    ("C$1,234.5 million", "en", 1234.5e6),
    ("C$5.8 billion", "en", 5.8e9),
    ("37,2 GW", "fr", 37.2),
    ("14,382.55", "en", 14382.55),
    (f"14{NNBSP}382,55", "fr", 14382.55),
    ("€18.42", "en", 18.42),
    ("18,42 €", "fr", 18.42),
    ("1.9 bln", "en", 1.9e9),
    ("1,9 milliard de titres", "fr", 1.9e9),
    (f"{MINUS}14.5", "en", -14.5),
    (f"{MINUS}14,5 points", "fr", -14.5),
    ("2,87 %", "fr", 2.87),
    ("812 000 tonnes", "fr", 812e3),
    ("812,000 tonnes", "en", 812e3),
    ("694 500 ha", "fr", 694500),
    ("1 169 kg", "fr", 1169),
    ("237,6 milliards de FCFA", "fr", 237.6e9),
    ("237.6 billion CFA francs", "en", 237.6e9),
    ("362 millions d'euros", "fr", 362e6),
    ("€362 million", "en", 362e6),
    ("300 FCFA", "fr", 300),
    ("3,5 millions", "fr", 3.5e6),
    ("4 200", "fr", 4200),
    ("$21.37 bln", "en", 21.37e9),
    ("21,37 Mds$", "fr", 21.37e9),
    ("$3.8bn", "en", 3.8e9),
    ("6,0 %", "fr", 6.0),
    ("US$1.2-billion", "en", 1.2e9),
    ("$1.2-billion", "en", 1.2e9),
    ("12.5pc", "en", 12.5),
    ("78.5pc", "en", 78.5),
    ("4.6m", "en", 4.6e6),
    ("5,8 G$", "fr", 5.8e9),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NUMBERS, ids=[f"{t}|{lang}" for t, lang, _ in NUMBERS])
def test_parse_number_reads_heldout_forms(text: str, lang: Lang, expected: float) -> None:
    got = parse_number(text, lang)
    assert got is not None and math.isclose(got, expected, rel_tol=1e-9), got


UNITS: list[tuple[str, Lang, str]] = [
    ("US$", "en", "USD"),
    ("dollars", "fr", "USD"),
    ("C$", "en", "CAD"),
    ("dollars canadiens", "fr", "CAD"),
    ("couronnes norvégiennes", "fr", "NOK"),
    ("per cent", "en", "percent"),
    ("pour cent", "fr", "percent"),
    ("%", "fr", "percent"),
    ("percentage points", "en", "pp"),
    ("points de pourcentage", "fr", "pp"),
    ("TEUs", "en", "TEU"),
    ("twenty-foot equivalent units", "en", "TEU"),
    ("EVP", "fr", "TEU"),
    ("équivalents vingt pieds", "fr", "TEU"),
    ("tonnes", "en", "t"),
    ("tonnes", "fr", "t"),
    ("yuan", "en", "CNY"),
    ("yuans", "fr", "CNY"),
    ("£", "en", "GBP"),
    ("livres sterling", "fr", "GBP"),
    ("€", "en", "EUR"),
    ("CHF", "en", "CHF"),
    ("Swiss francs", "en", "CHF"),
    ("francs suisses", "fr", "CHF"),
    ("TWh", "fr", "TWh"),
    ("GW", "en", "GW"),
    ("ha", "fr", "ha"),
    ("hectares", "en", "ha"),
    ("kg", "fr", "kg"),
    ("points", "en", "points"),
    ("euros", "fr", "EUR"),
    ("Norwegian crowns", "en", "NOK"),
    ("pc", "en", "percent"),
    ("M€", "fr", "EUR"),
    ("Md€", "fr", "EUR"),
    ("Mds€", "fr", "EUR"),
    ("M£", "fr", "GBP"),
    ("FCFA", "fr", "XOF"),
    ("francs CFA", "fr", "XOF"),
    ("CFA francs", "en", "XOF"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), UNITS, ids=[f"{t}|{lang}" for t, lang, _ in UNITS])
def test_normalize_unit_reads_heldout_forms(text: str, lang: Lang, expected: str) -> None:
    assert normalize_unit(text, lang) == expected


# (surface form, language, published, expected canonical period)
PERIODS: list[tuple[str, Lang, str, str]] = [
    ("Q3", "en", "2025-11-06", "2025-Q3"),
    ("third quarter", "en", "2025-11-06", "2025-Q3"),
    ("troisième trimestre", "fr", "2025-11-06", "2025-Q3"),
    ("3e trimestre", "fr", "2025-11-06", "2025-Q3"),
    ("July-September", "en", "2025-11-06", "2025-Q3"),
    ("juillet-septembre", "fr", "2025-11-06", "2025-Q3"),
    ("the end of September", "en", "2025-11-06", "2025-09"),
    ("fin septembre", "fr", "2025-11-06", "2025-09"),
    ("on Thursday", "en", "2025-11-06", "2025-11-06"),
    ("jeudi", "fr", "2025-11-06", "2025-11-06"),
    ("in October", "en", "2025-10-31", "2025-10"),
    ("en octobre", "fr", "2025-10-31", "2025-10"),
    ("in September", "en", "2025-10-31", "2025-09"),
    ("the first nine months of the year", "en", "2025-10-31", "2025-01/2025-09"),
    ("les neuf premiers mois de l'année", "fr", "2025-10-31", "2025-01/2025-09"),
    ("2025 as a whole", "en", "2025-10-31", "2025"),
    ("l'ensemble de 2025", "fr", "2025-10-31", "2025"),
    ("the first 10 months of 2025", "en", "2025-11-12", "2025-01/2025-10"),
    ("dix premiers mois de 2025", "fr", "2025-11-12", "2025-01/2025-10"),
    ("January-October", "en", "2025-11-12", "2025-01/2025-10"),
    ("janvier-octobre", "fr", "2025-11-12", "2025-01/2025-10"),
    ("last year", "en", "2025-09-18", "2024"),
    ("l'an dernier", "fr", "2025-09-18", "2024"),
    ("between April and September 2024", "en", "2025-09-18", "2024-04/2024-09"),
    ("entre avril et septembre 2024", "fr", "2025-09-18", "2024-04/2024-09"),
    ("fiscal year 2025", "en", "2026-02-19", "FY2025"),
    ("l'exercice 2025", "fr", "2026-02-19", "FY2025"),
    ("31 December 2025", "en", "2026-02-19", "2025-12-31"),
    ("31 décembre 2025", "fr", "2026-02-19", "2025-12-31"),
    ("end-December 2025", "en", "2026-02-19", "2025-12"),
    ("fin décembre 2025", "fr", "2026-02-19", "2025-12"),
    ("the first half of 2025", "en", "2025-07-24", "2025-H1"),
    ("premier semestre 2025", "fr", "2025-07-24", "2025-H1"),
    ("the end of June", "en", "2025-07-24", "2025-06"),
    ("fin juin", "fr", "2025-07-24", "2025-06"),
    ("the first quarter", "en", "2025-05-15", "2025-Q1"),
    ("premier trimestre", "fr", "2025-05-15", "2025-Q1"),
    ("April 1", "en", "2025-05-15", "2025-04-01"),
    ("1er avril", "fr", "2025-05-15", "2025-04-01"),
    ("on Tuesday", "en", "2025-12-02", "2025-12-02"),
    ("mardi", "fr", "2025-12-02", "2025-12-02"),
    ("in November", "en", "2025-12-02", "2025-11"),
    ("en novembre", "fr", "2025-12-02", "2025-11"),
    ("in July", "en", "2025-08-14", "2025-07"),
    ("January-July", "en", "2025-08-14", "2025-01/2025-07"),
    ("de janvier à juillet", "fr", "2025-08-14", "2025-01/2025-07"),
    ("the April-June quarter", "en", "2025-08-14", "2025-Q2"),
    ("trimestre avril-juin", "fr", "2025-08-14", "2025-Q2"),
    ("the second quarter", "en", "2025-08-14", "2025-Q2"),
    ("deuxième trimestre", "fr", "2025-08-14", "2025-Q2"),
    ("FY25", "en", "2025-08-14", "FY2025"),
    ("l'exercice 2025", "fr", "2025-08-14", "FY2025"),
    ("Oct 31, 2025", "en", "2025-10-31", "2025-10-31"),
    ("31 oct. 2025", "fr", "2025-10-31", "2025-10-31"),
    ("Nov. 12", "en", "2025-11-12", "2025-11-12"),
    ("May 15, 2025", "en", "2025-05-15", "2025-05-15"),
    ("15 mai 2025", "fr", "2025-05-15", "2025-05-15"),
    ("19 février 2026", "fr", "2026-02-19", "2026-02-19"),
    ("2 déc. 2025", "fr", "2025-12-02", "2025-12-02"),
    ("in 2024", "en", "2025-03-10", "2024"),
    ("en 2023", "fr", "2025-03-10", "2023"),
    ("the first three quarters", "en", "2025-11-12", "2025-01/2025-09"),
    ("trois premiers trimestres", "fr", "2025-11-12", "2025-01/2025-09"),
    ("In January-July", "en", "2025-08-14", "2025-01/2025-07"),
    ("10/03/2025", "fr", "2025-03-10", "2025-03-10"),
    ("10/03/2025", "en", "2025-03-10", "2025-03-10"),
]


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"), PERIODS, ids=[f"{t}|{lang}|{p}" for t, lang, p, _ in PERIODS]
)
def test_normalize_period_reads_heldout_forms(text: str, lang: Lang, published: str, expected: str) -> None:
    assert normalize_period(text, lang, published) == expected


# (change as written, yoy unit the runner gave or None, language, expected (change, yoy_unit))
YOY: list[tuple[str, str | None, Lang, tuple[float, str]]] = [
    ("up 18%", None, "en", (18.0, "percent")),
    ("+18 %", None, "fr", (18.0, "percent")),
    ("en hausse de 18 %", None, "fr", (18.0, "percent")),
    ("down 6.2 per cent", None, "en", (-6.2, "percent")),
    ("en recul de 6,2 pour cent", None, "fr", (-6.2, "percent")),
    ("fell 4.5 percent", None, "en", (-4.5, "percent")),
    ("ont reculé de 4,5 %", None, "fr", (-4.5, "percent")),
    ("down 0.4 percentage points", None, "en", (-0.4, "pp")),
    ("en baisse de 0,4 point", "pp", "fr", (-0.4, "pp")),
    (f"{MINUS}0.4", "pp", "en", (-0.4, "pp")),
    ("+6,1 %", None, "fr", (6.1, "percent")),
    ("+6.1%", None, "en", (6.1, "percent")),
    ("5.4 billion", "CHF", "en", (5.4e9, "CHF")),
    ("5,4 milliards", "CHF", "fr", (5.4e9, "CHF")),
    ("35", "count", "en", (35.0, "count")),
    ("9 points lower", "pp", "en", (-9.0, "pp")),
    ("9 points de moins", "pp", "fr", (-9.0, "pp")),
    ("une baisse de 12 %", None, "fr", (-12.0, "percent")),
    ("down 12%", None, "en", (-12.0, "percent")),
    (f"{MINUS}2.3%", None, "en", (-2.3, "percent")),
    ("5.8% y/y", None, "en", (5.8, "percent")),
    ("fell 11%", None, "en", (-11.0, "percent")),
    ("a yearly increase of 4.2 percent", None, "en", (4.2, "percent")),
    ("une augmentation annuelle de 4,3%", None, "fr", (4.3, "percent")),
    ("en progression de 5,4 milliards", "CHF", "fr", (5.4e9, "CHF")),
    ("12.5pc", None, "en", (12.5, "percent")),
    ("up 12.5pc", None, "en", (12.5, "percent")),
    ("up 12.5pc on 2023", None, "en", (12.5, "percent")),
    ("+6.1% vs. 2024", None, "en", (6.1, "percent")),
    ("+6,1 % par rapport à 2024", None, "fr", (6.1, "percent")),
]


@pytest.mark.parametrize(
    ("text", "unit", "lang", "expected"), YOY, ids=[f"{t}|{u}|{lang}" for t, u, lang, _ in YOY]
)
def test_normalize_yoy_reads_heldout_forms(
    text: str, unit: str | None, lang: Lang, expected: tuple[float, str]
) -> None:
    change, yoy_unit = normalize_yoy(text, unit, lang)
    assert change is not None and math.isclose(change, expected[0], rel_tol=1e-9), change
    assert yoy_unit == expected[1]
