"""Normalizers: hand-written EN and FR tables, and round-trip properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.normalize import (
    NORMALIZER_VERSION,
    collapse,
    find_numbers,
    find_periods,
    is_decrease,
    metric_similarity,
    metric_tokens,
    normalize_claim,
    normalize_period,
    normalize_qualifier,
    normalize_unit,
    normalize_yoy,
    parse_number,
    parse_range,
    unit_at,
)
from bench.periods import period_bounds
from bench.schema import unit_codes
from bench.types import Evidence, Lang, PredictedClaim

NNBSP = "\u202f"
NBSP = "\u00a0"
PUB = "2024-10-30"  # a Wednesday

# --- numbers ---------------------------------------------------------------------------------------------

NUMBER_CASES: list[tuple[str | float | int | None, Lang | None, float | None]] = [
    # French newswire
    ("1,73 million", "fr", 1_730_000.0),
    ("16,5 milliards", "fr", 16_500_000_000.0),
    ("16,5 milliards de yuans", "fr", 16_500_000_000.0),
    ("4,5 Md", "fr", 4_500_000_000.0),
    ("4,5 Mds€", "fr", 4_500_000_000.0),
    ("12 M€", "fr", 12_000_000.0),
    ("+104,2 %", "fr", 104.2),
    ("104,2%", "fr", 104.2),
    ("\u22123,1 %", "fr", -3.1),
    (f"1{NNBSP}250{NNBSP}000", "fr", 1_250_000.0),
    (f"1{NBSP}250{NBSP}000", "fr", 1_250_000.0),
    (f"1{NNBSP}250{NNBSP}000,75", "fr", 1_250_000.75),
    ("1 250 000", "fr", 1_250_000.0),
    ("1.250.000", "fr", 1_250_000.0),
    ("1.250.000,5", "fr", 1_250_000.5),
    ("1,234", "fr", 1.234),
    ("1.234", "fr", 1234.0),
    ("1.250 milliard", "fr", 1_250_000_000.0),
    ("2 billions", "fr", 2e12),
    ("3 mille", "fr", 3000.0),
    ("0,5", "fr", 0.5),
    ("300 milliards de yuans", "fr", 3e11),
    ("1er", "fr", None),
    ("3e", "fr", None),
    ("5,8 G$", "fr", 5_800_000_000.0),  # Quebec: giga-dollars
    ("3 Mds$", "fr", 3_000_000_000.0),
    ("450 k€", "fr", 450_000.0),
    ("12 MEUR", "fr", 12_000_000.0),
    ("1,2 MdEUR", "fr", 1_200_000_000.0),
    ("12,5 p.c.", "fr", 12.5),
    ("12,5pc", "fr", 12.5),
    ("4,6m", "fr", 4.6),  # metres: French writes millions with a capital M
    ("5 G", "fr", 5.0),
    ("CHF 1'234", "fr", 1234.0),
    ("12 MFCFA", "fr", 12_000_000.0),
    ("812 kt", "fr", 812_000.0),
    ("1,2 Mt", "fr", 1_200_000.0),
    ("1,2 Mt de blé", "fr", 1_200_000.0),
    # English newswire
    ("1.73 million", "en", 1_730_000.0),
    ("16.5 billion yuan", "en", 16_500_000_000.0),
    ("1,250,000", "en", 1_250_000.0),
    ("1,250,000.50", "en", 1_250_000.5),
    ("1,234", "en", 1234.0),
    ("1.234", "en", 1.234),
    ("1,73", "en", 1.73),
    ("1,250 million", "en", 1_250_000_000.0),
    (f"1{NBSP}250{NBSP}000", "en", 1_250_000.0),
    ("1 250 000", "en", 1_250_000.0),
    ("1'250'000", "en", 1_250_000.0),
    ("1\u2019250\u2019000", None, 1_250_000.0),
    ("-3.1", "en", -3.1),
    ("+2.5%", "en", 2.5),
    ("2.5bn", "en", 2_500_000_000.0),
    ("US$3bn", "en", 3e9),
    ("$5m", "en", 5e6),
    ("£3.2b", "en", 3.2e9),
    ("300 mln", "en", 3e8),
    ("12k", "en", 12_000.0),
    ("2 billion", "en", 2e9),
    ("1.5 trillion", "en", 1.5e12),
    ("3 tn", "en", 3e12),
    ("104.2 percent", "en", 104.2),
    ("about 2.32 billion U.S. dollars", "en", 2.32e9),
    ("5m", "en", 5.0),
    ("12km", "en", 12.0),
    ("US$1.2-billion", "en", 1_200_000_000.0),
    ("$1.2-billion", "en", 1_200_000_000.0),
    ("€1.2-billion", "en", 1_200_000_000.0),
    ("a 1.2-billion-dollar deal", "en", 1_200_000_000.0),
    ("3-million", "en", 3_000_000.0),
    ("12.5pc", "en", 12.5),
    ("12.5 pc", "en", 12.5),
    ("25bp", "en", 25.0),
    ("4.6m", "en", 4_600_000.0),
    ("1.42m visitors", "en", 1_420_000.0),
    ("5m visitors", "en", 5_000_000.0),
    ("3b tonnes", "en", 3_000_000_000.0),
    ("2.5m high", "en", 2.5),  # a dimension: metres
    ("2.5m-long", "en", 2.5),
    ("4.6mn", "en", 4_600_000.0),
    ("CHF 1'234", "en", 1234.0),
    ("Rs 1,200 crore", "en", 12_000_000_000.0),
    ("Rs 4.5 lakh", "en", 450_000.0),
    ("2 crores", "en", 20_000_000.0),
    ("12 Mt", "en", 12_000_000.0),
    ("5 Gt", "en", 5_000_000_000.0),
    ("1,20,000", "en", 120_000.0),  # Indian grouping: lakhs, then thousands
    ("Rs 12,34,567.50", "en", 1_234_567.5),
    ("₹1.2 lakh crore", "en", 1.2e12),
    ("EUR1.2bn", "en", 1_200_000_000.0),  # glued to an ISO code: still a number
    ("USD4.6m", "en", 4_600_000.0),
    ("RMB3m", "en", 3_000_000.0),
    ("Rs1,200 crore", "en", 12_000_000_000.0),
    ("A1.2", "en", None),  # glued to a letter: an identifier, and no fragment of it is a number
    ("$5-M", "en", 5.0),  # a single-letter scale is never hyphenated
    ("1.65e10", None, 1.65e10),
    ("2023", None, 2023.0),
    ("0,250", "en", 0.25),
    # language unknown
    ("1,234", None, 1234.0),
    ("1.234", None, 1.234),
    ("1 250 000", None, 1_250_000.0),
    ("2 billion", None, 2e9),
    ("4.6m", None, 4_600_000.0),
    # not a single number
    ("L3", "en", None),
    ("21st", "en", None),
    ("5G", "en", None),
    ("COVID-19", "en", None),
    ("abc", "en", None),
    ("", "en", None),
    ("1.2-1.5 million", "en", None),
    ("1.73 million vehicles in 2023", "en", None),
    # JSON values
    (1730000, None, 1_730_000.0),
    (104.2, "fr", 104.2),
    (float("nan"), None, None),
    (float("inf"), None, None),
    (None, "en", None),
]


SPELLED_CASES: list[tuple[str, Lang | None, float | None]] = [
    ("two thousand", "en", 2000.0),
    ("about two thousand seasonal jobs", "en", 2000.0),
    ("half a million", "en", 500_000.0),
    ("a million", "en", 1e6),
    ("two million three hundred thousand", "en", 2_300_000.0),
    ("one hundred and five", "en", 105.0),
    ("twenty-five", "en", 25.0),
    ("three percent", "en", 3.0),
    ("deux millions de voyageurs", "fr", 2e6),
    ("un demi-million", "fr", 500_000.0),
    ("quatre-vingt-dix", "fr", 90.0),
    ("quatre-vingts", "fr", 80.0),
    ("soixante-dix-sept", "fr", 77.0),
    ("vingt et un", "fr", 21.0),
    ("deux cent mille", "fr", 200_000.0),
    ("mille emplois", "fr", 1000.0),
    ("trois billions", "fr", 3e12),
    ("one of the firms", "en", None),  # a pronoun, not a number
    ("un bâtiment neuf", "fr", None),  # "neuf" alone is "new"
    ("millions of people", "en", None),
]


@pytest.mark.parametrize(("text", "lang", "expected"), SPELLED_CASES)
def test_spelled_out_numbers(text: str, lang: Lang | None, expected: float | None) -> None:
    assert parse_number(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), NUMBER_CASES)
def test_parse_number(text: str | float | int | None, lang: Lang | None, expected: float | None) -> None:
    assert parse_number(text, lang) == expected


def test_parse_number_rejects_booleans() -> None:
    assert parse_number(True) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1.2-1.5 million", "en", (1_200_000.0, 1_500_000.0)),
        ("1.2\u20131.5 million", "en", (1_200_000.0, 1_500_000.0)),
        ("between 3 and 4 billion", "en", (3e9, 4e9)),
        ("entre 3 et 4 milliards", "fr", (3e9, 4e9)),
        ("de 1,2 à 1,5 million", "fr", (1_200_000.0, 1_500_000.0)),
        ("5 to 7 percent", "en", (5.0, 7.0)),
        ("1.73 million", "en", None),
        ("1.73 million in 2023", "en", None),
        (None, "en", None),
    ],
)
def test_parse_range(text: str | None, lang: Lang, expected: tuple[float, float] | None) -> None:
    assert parse_range(text, lang) == expected


def test_find_numbers_offsets_and_scales() -> None:
    text = "its NEV output surpassed 1.73 million vehicles last year, a surge of 104.2 percent, level L3"
    found = find_numbers(text, "en")
    assert [(m.value, m.text) for m in found] == [(1_730_000.0, "1.73 million"), (104.2, "104.2")]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_find_numbers_english_plain_space_does_not_join_numbers() -> None:
    assert [m.value for m in find_numbers("in 2023 300 firms", "en")] == [2023.0, 300.0]
    assert [m.value for m in find_numbers("les 3 000 salariés", "fr")] == [3000.0]


def test_find_numbers_spelled_only_when_asked() -> None:
    text = "opened three offices and hired two thousand people"
    assert find_numbers(text, "en") == []
    assert [(m.value, m.text) for m in find_numbers(text, "en", spelled=True)] == [
        (3.0, "three"),
        (2000.0, "two thousand"),
    ]


def test_find_numbers_range_scale_applies_to_both_ends() -> None:
    assert [m.value for m in find_numbers("between 3 and 4 billion", "en")] == [3e9, 4e9]


# --- units -----------------------------------------------------------------------------------------------

UNIT_CASES: list[tuple[str | None, Lang | None, str | None]] = [
    ("yuan", "en", "CNY"),
    ("yuans", "fr", "CNY"),
    ("RMB", "en", "CNY"),
    ("renminbi", "en", "CNY"),
    ("CNY", None, "CNY"),
    ("billion yuan", "en", "CNY"),
    ("milliards de yuans", "fr", "CNY"),
    ("U.S. dollars", "en", "USD"),
    ("US dollars", "en", "USD"),
    ("dollars américains", "fr", "USD"),
    ("US$", "en", "USD"),
    ("$", "en", "USD"),
    ("dollars", "en", "USD"),
    ("usd", None, "USD"),
    ("Hong Kong dollars", "en", "HKD"),
    ("dollars canadiens", "fr", "CAD"),
    ("euros", "fr", "EUR"),
    ("€", "fr", "EUR"),
    ("£", "en", "GBP"),
    ("pounds sterling", "en", "GBP"),
    ("livres sterling", "fr", "GBP"),
    ("yen", "en", "JPY"),
    ("francs suisses", "fr", "CHF"),
    ("%", "fr", "percent"),
    ("percent", "en", "percent"),
    ("per cent", "en", "percent"),
    ("pour cent", "fr", "percent"),
    ("percentage points", "en", "pp"),
    ("points de pourcentage", "fr", "pp"),
    ("pp", None, "pp"),
    ("points", "en", "points"),
    ("tonnes", "fr", "t"),
    ("t", None, "t"),
    ("million tonnes", "en", "t"),
    ("barrels", "en", "bbl"),
    ("barils", "fr", "bbl"),
    ("kWh", None, "kWh"),
    ("kilowattheures", "fr", "kWh"),
    ("gigawatts", "en", "GW"),
    ("hectares", "fr", "ha"),
    ("vehicles", "en", "count"),
    ("million vehicles", "en", "count"),
    ("véhicules", "fr", "count"),
    ("jobs", "en", "count"),
    ("emplois", "fr", "count"),
    ("tourists", "en", "count"),
    ("West African CFA francs", "en", "XOF"),
    ("francs CFA d'Afrique centrale", "fr", "XAF"),
    ("roupies indonésiennes", "fr", "IDR"),
    ("roupies", "fr", None),  # French names the rupee and the rupiah alike
    ("livres", "fr", "GBP"),
    ("wons", "fr", "KRW"),
    ("pesos", "en", None),
    ("dinars", "fr", None),
    ("Norwegian crowns", "en", "NOK"),
    ("Swedish crowns", "en", "SEK"),
    ("Danish kroner", "en", "DKK"),
    ("Norwegian kroner", "en", "NOK"),
    ("Czech crowns", "en", "CZK"),
    ("crowns", "en", None),  # Norway, Sweden, Denmark, Czechia, Iceland
    ("couronnes", "fr", None),
    ("kroner", "en", None),
    ("pc", "en", "percent"),
    ("p.c.", "fr", "percent"),
    ("pcs", "en", "count"),  # pieces
    ("M€", "fr", "EUR"),
    ("Md€", "fr", "EUR"),
    ("Mds€", "fr", "EUR"),
    ("Mrd€", "fr", "EUR"),
    ("k€", "fr", "EUR"),
    ("M£", "fr", "GBP"),
    ("M$", "fr", "USD"),
    ("G$", "fr", "USD"),  # a bare $ is USD, scaled or not
    ("MEUR", "fr", "EUR"),
    ("Md EUR", "fr", "EUR"),
    ("MXN", "en", "MXN"),  # an ISO code is never read as M + XN
    ("FCFA", "fr", "XOF"),
    ("F CFA", "fr", "XOF"),
    ("francs CFA", "fr", "XOF"),
    ("CFA francs", "en", "XOF"),
    ("CFA franc", "en", "XOF"),
    ("milliards de FCFA", "fr", "XOF"),
    ("francs CFA BEAC", "fr", "XAF"),
    ("FCFA CEMAC", "fr", "XAF"),
    ("CEMAC CFA francs", "en", "XAF"),
    ("Central African CFA francs", "en", "XAF"),
    ("francs", "fr", None),
    ("francs CFA (BEAC)", "fr", "XAF"),
    ("CFA francs (XAF)", "en", "XAF"),
    ("MFCFA", "fr", "XOF"),
    ("F.CFA", "fr", "XOF"),
    ("$ CA", "fr", "CAD"),
    ("M$ CA", "fr", "CAD"),
    ("CA$", "en", "CAD"),
    ("Rs", "en", "INR"),  # Indian wires, by far the most frequent users of Rs
    ("Rs.", "en", "INR"),
    ("crore rupees", "en", "INR"),
    ("Mt", "en", "t"),
    ("kt", "en", "t"),
    ("basis points", "en", None),  # no unit code holds basis points (normalize_yoy reads them as pp / 100)
    ("points de base", "fr", None),
    ("bps", "en", None),
    ("overnight stays", "en", "count"),
    ("nuitées", "fr", "count"),
    ("offices", "en", None),
    ("", "en", None),
    (None, "en", None),
]


@pytest.mark.parametrize(("text", "lang", "expected"), UNIT_CASES)
def test_normalize_unit(text: str | None, lang: Lang | None, expected: str | None) -> None:
    assert normalize_unit(text, lang) == expected


@pytest.mark.parametrize("code", sorted(unit_codes()))
def test_every_canonical_unit_code_passes_through(code: str) -> None:
    assert normalize_unit(code) == code


def _vocabulary_forms() -> list[tuple[str, str, bool]]:
    """(surface form, code, taken in running text) for every name of the unit table and its plural."""
    from bench.normalize.units import _NAMES, _NOT_IN_RUNNING_TEXT

    out = []
    for code, names in _NAMES.items():
        for name in names:
            running = name not in _NOT_IN_RUNNING_TEXT and name not in ("percentage", "pourcentage")
            plural = " ".join(
                w + "s" if w[-1].isalpha() and len(w) > 2 and w[-1] not in "sx" else w
                for w in name.split(" ")
            )
            plurals = [plural] if plural != name else []
            out += [(form, code, running) for form in (name, *plurals)]
    return out


@pytest.mark.parametrize(("form", "code", "running"), _vocabulary_forms())
def test_every_unit_name_and_plural_maps_to_its_code(form: str, code: str, running: bool) -> None:
    assert normalize_unit(form) == code
    if running:
        found = unit_at(f"3 {form} ", 1)
        assert found is not None and found[0] == code and found[2] == 2 + len(form)


# --- periods ---------------------------------------------------------------------------------------------

PERIOD_CASES: list[tuple[str | None, Lang | None, str, str | None]] = [
    ("2023", "en", PUB, "2023"),
    ("in 2023", "en", PUB, "2023"),
    ("en 2023", "fr", PUB, "2023"),
    ("2024-H1", None, PUB, "2024-H1"),
    ("2024-01/2024-09", None, PUB, "2024-01/2024-09"),
    ("FY2024", None, PUB, "FY2024"),
    ("H1 2024", "en", PUB, "2024-H1"),
    ("first half of 2024", "en", PUB, "2024-H1"),
    ("in the first half of 2024", "en", PUB, "2024-H1"),
    ("premier semestre 2024", "fr", PUB, "2024-H1"),
    ("au premier semestre 2024", "fr", PUB, "2024-H1"),
    ("S2 2023", "fr", PUB, "2023-H2"),
    ("second semestre", "fr", PUB, "2024-H2"),
    ("first six months of 2024", "en", PUB, "2024-H1"),
    ("les six premiers mois de 2024", "fr", PUB, "2024-H1"),
    ("Q3 2024", "en", PUB, "2024-Q3"),
    ("3Q24", "en", PUB, "2024-Q3"),
    ("T3 2024", "fr", PUB, "2024-Q3"),
    ("third quarter", "en", PUB, "2024-Q3"),
    ("the fourth quarter", "en", PUB, "2024-Q4"),
    ("the fourth quarter", "en", "2024-08-01", "2023-Q4"),
    ("the third quarter of last year", "en", PUB, "2023-Q3"),
    ("troisième trimestre 2024", "fr", PUB, "2024-Q3"),
    ("au 3e trimestre", "fr", PUB, "2024-Q3"),
    ("le premier trimestre de l'an dernier", "fr", PUB, "2023-Q1"),
    ("October 2024", "en", PUB, "2024-10"),
    ("octobre 2024", "fr", PUB, "2024-10"),
    ("in March", "en", PUB, "2024-03"),
    ("in November", "en", PUB, "2023-11"),
    ("en novembre", "fr", PUB, "2023-11"),
    ("in March", "en", "2024-02-10", "2023-03"),
    ("May", "en", PUB, None),  # a modal verb as often as a month
    ("first nine months of 2024", "en", PUB, "2024-01/2024-09"),
    ("the first nine months", "en", PUB, "2024-01/2024-09"),
    ("les neuf premiers mois de 2024", "fr", PUB, "2024-01/2024-09"),
    ("first three months of 2024", "en", PUB, "2024-Q1"),
    ("January-September", "en", PUB, "2024-01/2024-09"),
    ("January-September", "en", "2024-08-01", "2023-01/2023-09"),
    ("de janvier à septembre 2024", "fr", PUB, "2024-01/2024-09"),
    ("year to date", "en", PUB, "2024-01/2024-10"),
    ("depuis le début de l'année", "fr", PUB, "2024-01/2024-10"),
    ("last year", "en", PUB, "2023"),
    ("l'an dernier", "fr", PUB, "2023"),
    ("l\u2019année dernière", "fr", PUB, "2023"),
    ("l'an passé", "fr", PUB, "2023"),
    ("this year", "en", PUB, "2024"),
    ("the previous quarter", "en", PUB, "2024-Q3"),
    ("le trimestre précédent", "fr", PUB, "2024-Q3"),
    ("the previous quarter", "en", "2024-02-01", "2023-Q4"),
    ("last month", "en", PUB, "2024-09"),
    ("le mois dernier", "fr", "2024-01-15", "2023-12"),
    ("yesterday", "en", PUB, "2024-10-29"),
    ("hier", "fr", PUB, "2024-10-29"),
    ("on Monday", "en", PUB, "2024-10-28"),
    ("lundi", "fr", PUB, "2024-10-28"),
    ("on Wednesday", "en", PUB, "2024-10-30"),
    ("today", "en", PUB, "2024-10-30"),
    ("October 30, 2024", "en", PUB, "2024-10-30"),
    ("30 octobre 2024", "fr", PUB, "2024-10-30"),
    ("le 1er novembre", "fr", PUB, "2023-11-01"),
    ("FY2024", "en", PUB, "FY2024"),
    ("FY24", "en", PUB, "FY2024"),
    ("FY2023/24", "en", PUB, "FY2024"),
    ("fiscal 2024", "en", PUB, "FY2024"),
    ("fiscal year 2023", "en", PUB, "FY2023"),
    ("exercice 2024", "fr", PUB, "FY2024"),
    ("2019-2023", "en", PUB, "2019/2023"),
    ("entre 2019 et 2023", "fr", PUB, "2019/2023"),
    ("over the next six years", "en", "2009-05-01", "2010/2015"),
    ("au cours des cinq dernières années", "fr", PUB, "2019/2023"),
    ("since January", "en", PUB, "2024-01/2024-10"),
    ("depuis mars", "fr", PUB, "2024-03/2024-10"),
    ("the first ten months of the year", "en", PUB, "2024-01/2024-10"),
    ("les dix premiers mois de l'année", "fr", PUB, "2024-01/2024-10"),
    ("au premier semestre de l'année dernière", "fr", PUB, "2023-H1"),
    ("January to March", "en", PUB, "2024-Q1"),
    ("de janvier à juin 2019", "fr", PUB, "2019-H1"),
    ("2019-01/2019-06", None, PUB, "2019-H1"),
    ("2019-01/2019-03", None, PUB, "2019-Q1"),
    ("2019-01/2019-12", None, PUB, "2019"),
    ("2019-03-01/2019-03-31", None, PUB, "2019-03"),
    ("2019-01/2019-09", None, PUB, "2019-01/2019-09"),
    ("in the second half of the year", "en", "2020-01-20", "2019-H2"),
    ("first-half operating profit", "en", PUB, "2024-H1"),
    ("third-quarter revenue", "en", PUB, "2024-Q3"),
    ("by December", "en", PUB, "2024-12"),
    ("d'ici mars", "fr", PUB, "2025-03"),
    ("between July 2019 and June 2020", "en", PUB, "2019-07/2020-06"),
    ("entre juillet 2019 et juin 2020", "fr", PUB, "2019-07/2020-06"),
    ("the first three quarters", "en", "2025-11-12", "2025-01/2025-09"),
    ("in the first three quarters", "en", "2025-11-12", "2025-01/2025-09"),
    ("trois premiers trimestres", "fr", "2025-11-12", "2025-01/2025-09"),
    ("au cours des trois premiers trimestres", "fr", "2025-11-12", "2025-01/2025-09"),
    ("the first three quarters of 2025", "en", "2025-11-12", "2025-01/2025-09"),
    ("les trois premiers trimestres de 2025", "fr", "2025-11-12", "2025-01/2025-09"),
    ("the first three quarters", "en", "2025-08-14", "2024-01/2024-09"),
    ("the first two quarters", "en", PUB, "2024-H1"),
    ("les deux premiers trimestres de 2023", "fr", PUB, "2023-H1"),
    ("the first 3 quarters of last year", "en", PUB, "2023-01/2023-09"),
    ("the first four quarters of 2023", "en", PUB, "2023"),
    ("the first five quarters", "en", PUB, None),
    ("In January-July", "en", "2025-08-14", "2025-01/2025-07"),
    ("in January-July 2024", "en", PUB, "2024-01/2024-07"),
    ("En janvier-juillet", "fr", "2025-08-14", "2025-01/2025-07"),
    ("for January to July", "en", "2025-08-14", "2025-01/2025-07"),
    ("10/03/2025", "fr", PUB, "2025-03-10"),
    ("le 10/03/2025", "fr", PUB, "2025-03-10"),
    ("10.03.2025", "fr", PUB, "2025-03-10"),
    ("10.03.2025", "en", PUB, "2025-03-10"),  # dots: day first everywhere
    ("03/10/2025", "en", "2025-12-01", "2025-03-10"),  # English: US month first
    ("10/03/2025", "en", "2025-12-01", "2025-10-03"),
    ("10/03/2025", None, "2025-12-01", "2025-10-03"),
    ("10/03/2025", "en", "2025-03-10", "2025-03-10"),  # month first would be after publication
    ("03/10/2025", "fr", "2025-03-10", "2025-03-10"),
    ("31/12/2025", "en", PUB, "2025-12-31"),  # only one reading is a date
    ("12/31/2025", "fr", PUB, "2025-12-31"),
    ("31/02/2025", "fr", PUB, None),
    ("03/2025", "fr", PUB, "2025-03"),
    ("2025/03/10", "en", PUB, "2025-03-10"),  # year first: always year, month, day
    ("on 2025-03-10", "en", PUB, "2025-03-10"),
    ("le 2025.03.10", "fr", PUB, "2025-03-10"),
    ("2019-07/2019-12", None, PUB, "2019-H2"),
    ("2019-04-01/2019-06-30", None, PUB, "2019-Q2"),
    ("de juillet à décembre 2019", "fr", PUB, "2019-H2"),
    ("Q1-Q3 2025", "en", PUB, "2025-01/2025-09"),
    ("T1-T3 2025", "fr", PUB, "2025-01/2025-09"),
    ("between Q2 and Q3", "en", PUB, "2024-04/2024-09"),
    ("the second and third quarters", "en", PUB, "2024-04/2024-09"),
    ("the first and fourth quarters", "en", PUB, None),
    ("between Q1 and Q3 2023", "en", PUB, "2023-01/2023-09"),
    ("les deuxième et troisième trimestres 2023", "fr", PUB, "2023-04/2023-09"),
    ("the nine months to September", "en", PUB, "2024-01/2024-09"),
    ("the nine months ended Sept. 30, 2023", "en", PUB, "2023-01/2023-09"),
    ("the six months to June", "en", PUB, "2024-H1"),
    ("the 12 months to March", "en", PUB, "2023-04/2024-03"),
    ("les neuf mois à fin septembre", "fr", PUB, "2024-01/2024-09"),
    ("les neuf mois clos le 30 septembre 2023", "fr", PUB, "2023-01/2023-09"),
    ("9M 2024", "en", PUB, "2024-01/2024-09"),
    ("9M24", "en", PUB, "2024-01/2024-09"),
    ("9 mois 2024", "fr", PUB, "2024-01/2024-09"),
    ("3M", "en", PUB, None),  # a company, not three months: a year is required
    ("3T 2024", "fr", PUB, "2024-Q3"),
    ("3t", "fr", PUB, None),  # three tonnes
    ("3e trim. 2024", "fr", PUB, "2024-Q3"),
    ("1H24", "en", PUB, "2024-H1"),
    ("nothing here", "en", PUB, None),
    ("", "en", PUB, None),
    (None, "en", PUB, None),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), PERIOD_CASES)
def test_normalize_period(text: str | None, lang: Lang | None, published: str, expected: str | None) -> None:
    assert normalize_period(text, lang, published) == expected


def test_find_periods_spans_in_running_text() -> None:
    text = "Xinhua, October 30, 2024. Output rose last year and in the first half of 2024."
    found = find_periods(text, "en", PUB)
    assert [(p.period, p.text) for p in found] == [
        ("2024-10-30", "October 30, 2024"),
        ("2023", "last year"),
        ("2024-H1", "the first half of 2024"),
    ]


_months = st.tuples(st.integers(2000, 2030), st.integers(1, 12))


@settings(max_examples=300, derandomize=True)
@given(_months, _months)
def test_collapse_keeps_the_interval_bounds(a: tuple[int, int], b: tuple[int, int]) -> None:
    first, last = sorted((a, b))
    interval = f"{first[0]}-{first[1]:02d}/{last[0]}-{last[1]:02d}"
    collapsed = collapse(interval)
    assert period_bounds(collapsed) == period_bounds(interval)
    assert len(collapsed) <= len(interval)


# --- year-on-year changes --------------------------------------------------------------------------------

YOY_CASES: list[tuple[str | float | int | None, str | None, Lang | None, tuple[float | None, str | None]]] = [
    ("+104,2 %", None, "fr", (104.2, "percent")),
    ("104.2 percent", None, "en", (104.2, "percent")),
    ("-3.1", None, "en", (-3.1, "percent")),
    (-3.1, None, None, (-3.1, "percent")),
    (21.1, "percent", "en", (21.1, "percent")),
    (0.3, "percentage points", "en", (0.3, "pp")),
    (0.3, "points", "en", (0.3, "pp")),
    ("down 3.1%", None, "en", (-3.1, "percent")),
    ("fell 3.1 percent", None, "en", (-3.1, "percent")),
    ("a decline of 3.1 per cent", None, "en", (-3.1, "percent")),
    ("recul de 3,1 %", None, "fr", (-3.1, "percent")),
    ("baisse de 3,1%", None, "fr", (-3.1, "percent")),
    ("contraction de 2 %", None, "fr", (-2.0, "percent")),
    ("a ralenti de 0,4 point", None, "fr", (-0.4, "pp")),
    ("slowed by 0.4 percentage points", None, "en", (-0.4, "pp")),
    ("en repli de 0,8 %", None, "fr", (-0.8, "percent")),
    ("up 21.1 percent year on year", None, "en", (21.1, "percent")),
    ("hausse de 10,6 %", None, "fr", (10.6, "percent")),
    ("0.3 points", None, "en", (0.3, "pp")),
    ("0,3 point de pourcentage", None, "fr", (0.3, "pp")),
    ("-0,3 point", None, "fr", (-0.3, "pp")),
    ("$3bn", None, "en", (3e9, "USD")),
    ("rose by $3bn", None, "en", (3e9, "USD")),
    ("3 milliards d'euros", None, "fr", (3e9, "EUR")),
    ("10.6", "pct", "en", (10.6, "percent")),
    ("12.5pc", None, "en", (12.5, "percent")),
    ("up 12.5pc", None, "en", (12.5, "percent")),
    ("up 12.5pc on 2023", None, "en", (12.5, "percent")),
    ("down 12.5 pc on 2023", None, "en", (-12.5, "percent")),
    ("+6.1% vs. 2024", None, "en", (6.1, "percent")),
    ("+6,1 % par rapport à 2024", None, "fr", (6.1, "percent")),
    ("hausse de 12,5 p.c. sur 2023", None, "fr", (12.5, "percent")),
    ("en baisse de 3 % par rapport à 2019", None, "fr", (-3.0, "percent")),
    ("fell 3% from Q3 2024", None, "en", (-3.0, "percent")),
    ("up 2.1% in 2024 from 2023", None, "en", (2.1, "percent")),
    ("in 2023", None, "en", (None, None)),  # a year is never the change
    ("2024", "percent", "en", (None, None)),
    ("up 2,024 units", "count", "en", (2024.0, "count")),  # grouped: a count, not a year
    ("up 1.5% and 2.5%", None, "en", (None, None)),
    ("up 25 basis points", None, "en", (0.25, "pp")),
    ("up 25bp", None, "en", (0.25, "pp")),
    ("-50 bps", None, "en", (-0.5, "pp")),
    ("hausse de 25 points de base", None, "fr", (0.25, "pp")),
    (25, "basis points", "en", (0.25, "pp")),
    ("25", "pb", "fr", (0.25, "pp")),
    ("n/a", None, "en", (None, None)),
    (None, "percent", "en", (None, None)),
    # a yoy_unit given but unreadable leaves the unit unknown rather than "percent"; a unit written with
    # the number still wins, and a blank yoy_unit is no yoy_unit
    ("3.1", "furlongs", "en", (3.1, None)),
    (3.1, "furlongs", "en", (3.1, None)),
    ("3.1 %", "furlongs", "en", (3.1, "percent")),
    ("3.1", "  ", "en", (3.1, "percent")),
    # words saying the unit is year on year, and punctuation, are no unit
    ("3.1", "%yoy", "en", (3.1, "percent")),
    ("3.1", "%, year on year", "en", (3.1, "percent")),
    ("3.1", "%.", "en", (3.1, "percent")),
    ("3.1", "pp y/y", "en", (3.1, "pp")),
    ("3,1", "% sur un an", "fr", (3.1, "percent")),
    ("3.1", "yoy", "en", (3.1, "percent")),
]


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), YOY_CASES)
def test_normalize_yoy(
    value: str | float | int | None,
    unit: str | None,
    lang: Lang | None,
    expected: tuple[float | None, str | None],
) -> None:
    assert normalize_yoy(value, unit, lang) == expected


# --- metric text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "the output value of Shenzhen's AI industry",
            "en",
            ("output", "valu", "shenzhen", "ai", "industri"),
        ),
        ("NEV output", "en", ("nev", "output")),
        ("la valeur de production de l'industrie de l'IA", "fr", ("valeur", "production", "industri", "ia")),
        ("Valeur ajoutée de l'industrie biomédicale", "fr", ("valeur", "ajout", "industri", "biomedical")),
        ("valeur ajouté, industries biomédicales", "fr", ("valeur", "ajout", "industri", "biomedical")),
        ("Companies' revenues", "en", ("compani", "revenu")),
        ("", "en", ()),
    ],
)
def test_metric_tokens(text: str, lang: Lang, expected: tuple[str, ...]) -> None:
    assert metric_tokens(text, lang) == expected


@pytest.mark.parametrize(
    ("predicted", "variants", "expected"),
    [
        ("NEV output", ["NEV output", "NEV production"], 1.0),
        ("output of NEVs", ["NEV output"], 1.0),
        ("Shenzhen's NEV output", ["NEV output"], 0.8),  # P 2/3, R 1
        ("exports", ["NEV output"], 0.0),
        ("", ["NEV output"], 0.0),
        ("NEV output", [], 0.0),
        ("production de VEN", ["production de véhicules à énergie nouvelle", "production de VEN"], 1.0),
    ],
)
def test_metric_similarity(predicted: str, variants: list[str], expected: float) -> None:
    assert metric_similarity(predicted, variants, None) == pytest.approx(expected)


# --- whole claims ----------------------------------------------------------------------------------------


def test_normalize_claim_french_surface_forms() -> None:
    claim = PredictedClaim(
        metric="production de VEN",
        value="1,73 million de véhicules",
        period="l'année dernière",
        yoy_change="+104,2 %",
        qualifier="plus de",
        evidence=Evidence(0, 5, "texte"),
    )
    n = normalize_claim(claim, "fr", PUB)
    assert (n.value, n.unit, n.period, n.yoy_change, n.yoy_unit) == (
        1_730_000.0,
        "count",
        "2023",
        104.2,
        "percent",
    )
    assert n.metric_tokens == ("production", "ven")
    assert n.evidence == Evidence(0, 5, "texte")


def test_normalize_claim_range_value_and_unit_from_value_text() -> None:
    n = normalize_claim(PredictedClaim(value="1.2-1.5 million tonnes"), "en", PUB)
    assert (n.value, n.value_high, n.unit) == (1_200_000.0, 1_500_000.0, "t")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("237,6 milliards de FCFA", "fr", (237.6e9, "XOF")),
        ("237.6 billion CFA francs", "en", (237.6e9, "XOF")),
        ("5,8 G$", "fr", (5.8e9, "USD")),
        ("US$1.2-billion", "en", (1.2e9, "USD")),
        ("12.5pc", "en", (12.5, "percent")),
        ("12,5 p.c.", "fr", (12.5, "percent")),
        ("212.40 Norwegian crowns", "en", (212.4, "NOK")),
        ("EUR1.2bn", "en", (1.2e9, "EUR")),
        ("4.6m", "en", (4.6e6, None)),
    ],
)
def test_normalize_claim_reads_the_unit_written_in_the_value(
    value: str, lang: Lang, expected: tuple[float, str | None]
) -> None:
    n = normalize_claim(PredictedClaim(value=value), lang, PUB)
    assert (n.value, n.unit) == expected


def test_normalize_claim_strict_keeps_only_canonical_forms() -> None:
    claim = PredictedClaim(
        metric="NEV output",
        value="1.73 million",
        unit="vehicles",
        period="last year",
        yoy_change=104.2,
        yoy_unit="percent",
        qualifier="lower_bound",
    )
    n = normalize_claim(claim, "en", PUB, strict=True)
    assert (n.value, n.unit, n.period, n.yoy_change, n.yoy_unit, n.qualifier) == (
        None,
        None,
        None,
        104.2,
        "percent",
        "lower_bound",
    )
    canonical = PredictedClaim(metric="NEV output", value=1730000, unit="count", period="2023")
    n = normalize_claim(canonical, "en", PUB, strict=True)
    assert (n.value, n.unit, n.period) == (1_730_000.0, "count", "2023")


def test_normalize_claim_survives_wrong_json_types() -> None:
    claim = PredictedClaim(metric="x", value=[1, 2], unit=3, period={"a": 1}, yoy_change=True)  # type: ignore[arg-type]
    n = normalize_claim(claim, "en", PUB)
    assert (n.value, n.unit, n.period, n.yoy_change) == (None, None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("lower_bound", "lower_bound"), ("lower bound", "lower_bound"), ("Approx", "approx"),
     ("about", "approx"), ("more than", "lower_bound"), ("plus de", "lower_bound"),
     ("près de", "upper_bound"), ("whatever", None), (None, None)],
)  # fmt: skip
def test_normalize_qualifier(text: str | None, expected: str | None) -> None:
    assert normalize_qualifier(text) == expected


def test_version_is_a_non_empty_string() -> None:
    assert isinstance(NORMALIZER_VERSION, str) and NORMALIZER_VERSION


# --- properties ------------------------------------------------------------------------------------------

_amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2).filter(
    lambda d: d.is_finite()
)


def _format(d: Decimal, lang: Lang, sep: str) -> str:
    sign = "-" if d < 0 else ""
    integer, _, fraction = f"{abs(d):.2f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    mark = "." if lang == "en" else ","
    fraction = fraction.rstrip("0")
    return sign + sep.join(groups) + (mark + fraction if fraction else "")


@settings(max_examples=300, derandomize=True)
@given(_amounts, st.sampled_from([("en", ","), ("en", NBSP), ("fr", NNBSP), ("fr", NBSP), ("fr", " ")]))
def test_round_trip_formatted_numbers(d: Decimal, style: tuple[Lang, str]) -> None:
    lang, sep = style
    assert parse_number(_format(d, lang, sep), lang) == float(d)


@settings(max_examples=200, derandomize=True)
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2),
    st.sampled_from(
        [("en", "million", 6), ("en", "billion", 9), ("fr", "milliards", 9), ("fr", "billion", 12)]
    ),
)
def test_round_trip_scale_words(d: Decimal, scale: tuple[Lang, str, int]) -> None:
    lang, word, power = scale
    text = f"{_format(d, lang, ',' if lang == 'en' else NNBSP)} {word}"
    assert parse_number(text, lang) == float(d * Decimal(10) ** power)


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=60))
def test_normalizers_never_raise_on_any_text(text: str) -> None:
    for lang in ("en", "fr", None):
        parse_number(text, lang)  # type: ignore[arg-type]
        normalize_unit(text, lang)  # type: ignore[arg-type]
        normalize_period(text, lang, PUB)  # type: ignore[arg-type]
        normalize_yoy(text, None, lang)  # type: ignore[arg-type]
        for i in range(0, len(text) + 1, 7):
            unit_at(text, i, lang)  # type: ignore[arg-type]
        for m in find_numbers(text, lang):  # type: ignore[arg-type]
            assert text[m.start : m.end] == m.text


# --- audit fixes: signs and direction words (audit-scoring section 4) --------------------------------------

YOY_DIRECTION_CASES: list[tuple[str, Lang | None, tuple[float | None, str | None]]] = [
    # an en dash glued to the number, or a sign spaced from it at the start of the field, is a minus
    ("\u20133,1 %", "fr", (-3.1, "percent")),
    ("\u20133.1%", "en", (-3.1, "percent")),
    ("- 3.1%", "en", (-3.1, "percent")),
    ("+ 2.5%", "en", (2.5, "percent")),
    # a bound before the number is a qualifier, not a direction
    ("less than 3%", "en", (3.0, "percent")),
    ("fewer than 3,000 jobs", "en", (3000.0, "count")),
    ("moins de 3 %", "fr", (3.0, "percent")),
    ("au moins 3 %", "fr", (3.0, "percent")),
    ("pas moins de 3 %", "fr", (3.0, "percent")),
    ("up to 3%", "en", (3.0, "percent")),
    # ... but a comparative after the number is a fall (guideline 5.3)
    ("9.7 billion euros less than a year earlier", "en", (-9.7e9, "EUR")),
    ("4,9 % de moins qu'un an auparavant", "fr", (-4.9, "percent")),
    ("0.7% lower than a year earlier", "en", (-0.7, "percent")),
    ("moins 3,1 %", "fr", (-3.1, "percent")),
    # a slowdown is a fall of the rate only by an amount ("slowed by 0.4 points"); a rate that slowed *to* a
    # figure, or slower growth *of* a figure, is still growth of that figure
    ("narrowly up 0.5%", "en", (0.5, "percent")),
    ("slower growth of 3%", "en", (3.0, "percent")),
    ("growth slowed to 3%", "en", (3.0, "percent")),
    ("la croissance a ralenti à 3 %", "fr", (3.0, "percent")),
    ("une hausse moins forte de 3 %", "fr", (3.0, "percent")),
    ("the deficit narrowed by 0.5 points", "en", (-0.5, "pp")),
    ("eased 0.3%", "en", (-0.3, "percent")),
    # a fall verb before "to"/"à" gives the level reached, not the size of the fall
    ("growth fell to 2%", "en", (2.0, "percent")),
    ("la hausse des prix est tombée à 2 %", "fr", (2.0, "percent")),
    ("negative growth of 3%", "en", (-3.0, "percent")),
    # words of rise and fall together give no certain sign
    ("down 3%, reversing gains", "en", (None, None)),
    # accounting negative: a bare figure in parentheses
    ("(3.1)", "en", (-3.1, "percent")),
    ("(3,1 %)", "fr", (-3.1, "percent")),
    # losses are a metric, not a word of fall; widening is a rise ("loss widened": both, no sign)
    ("net losses widened by 12%", "en", (12.0, "percent")),
    ("les pertes se sont creusées de 12 %", "fr", (12.0, "percent")),
    ("net loss widened 12%", "en", (None, None)),
    ("a loss of 3%", "en", (-3.0, "percent")),
    ("une perte de 3 %", "fr", (-3.0, "percent")),
]


@pytest.mark.parametrize(("value", "lang", "expected"), YOY_DIRECTION_CASES)
def test_normalize_yoy_direction(
    value: str, lang: Lang | None, expected: tuple[float | None, str | None]
) -> None:
    assert normalize_yoy(value, None, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exports fell", True),
        ("sales were down", True),
        ("a ralenti de", True),  # the number follows: a fall by that amount
        ("la croissance a ralenti à", False),  # the number follows: the level reached
        ("less than", False),
        ("au moins", False),
        ("narrowly up", False),
        ("slower growth of", False),
    ],
)
def test_is_decrease(text: str, expected: bool) -> None:
    assert is_decrease(text) is expected


# --- audit fixes: periods (audit-scoring section 5) --------------------------------------------------------

PERIOD_AUDIT_CASES: list[tuple[str, Lang | None, str, str | None]] = [
    # runner-style forms: year first, ISO-like intervals
    ("2024 Q3", "en", PUB, "2024-Q3"),
    ("2024-q3", "en", PUB, "2024-Q3"),
    ("2024Q3", "en", PUB, "2024-Q3"),
    ("2024 H1", "en", PUB, "2024-H1"),
    ("2024 T3", "fr", PUB, "2024-Q3"),
    ("2024 S2", "fr", PUB, "2024-H2"),
    ("2024-01 to 2024-09", "en", PUB, "2024-01/2024-09"),
    ("2024-01 / 2024-09", "en", PUB, "2024-01/2024-09"),
    ("2024-01 \u2013 2024-06", "en", PUB, "2024-H1"),
    ("from 2023-07 to 2024-06", "en", PUB, "2023-07/2024-06"),
    ("2024-Q1 to 2024-Q3", "en", PUB, "2024-01/2024-09"),
    ("2024-09 to 2024-01", "en", PUB, None),  # backwards: no span
    # month ranges across a year end: the most recent such span that has ended
    ("November-January", "en", "2025-02-15", "2024-11/2025-01"),
    ("de novembre à janvier", "fr", "2025-02-15", "2024-11/2025-01"),
    ("October-March", "en", "2025-04-15", "2024-10/2025-03"),
    ("July-June", "en", "2025-07-15", "2024-07/2025-06"),
    ("November-January 2025", "en", "2025-02-15", None),  # which end the year names is not certain
    # "ended"/"clos": the span that ends then
    ("the year ended June 30, 2024", "en", PUB, "2023-07/2024-06"),
    ("the year ended December 31, 2023", "en", PUB, "2023"),
    ("the quarter ended September 30", "en", PUB, "2024-Q3"),
    ("le trimestre clos le 30 septembre", "fr", PUB, "2024-Q3"),
    ("the six months ended June 30, 2024", "en", PUB, "2024-H1"),
    ("the half-year ended 31 December 2023", "en", PUB, "2023-H2"),
    # fiscal years keep the issuer's label (guidelines 2.6, 5.9): FY + the year they end
    ("fiscal year ending March 2025", "en", PUB, "FY2025"),
    ("the fiscal year ended March 31", "en", PUB, "FY2024"),
    ("l'exercice clos fin mars 2024", "fr", PUB, "FY2024"),
    ("l'exercice clos le 31 mars 2024", "fr", PUB, "FY2024"),
    ("financial year 2023-24", "en", PUB, "FY2024"),
    ("the 2023-24 financial year", "en", PUB, "FY2024"),
    ("the 2023/24 fiscal year", "en", PUB, "FY2024"),
    ("financial year 2024", "en", PUB, "FY2024"),
    # not resolvable from the phrase alone: no period rather than a wrong one
    ("the year to June", "en", PUB, None),  # 12 months to June or year to date: the guidelines do not say
    ("a year earlier", "en", PUB, None),  # one year before the other figure's period (guideline 5.2)
    ("un an plus tôt", "fr", PUB, None),
    ("the same period last year", "en", PUB, None),  # the same months as the other figure's, a year back
    ("la même période de l'an dernier", "fr", PUB, None),
    ("the same period of 2023", "en", PUB, None),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), PERIOD_AUDIT_CASES)
def test_normalize_period_audit_forms(
    text: str, lang: Lang | None, published: str, expected: str | None
) -> None:
    assert normalize_period(text, lang, published) == expected


def test_an_unreadable_period_phrase_hides_the_month_inside_it() -> None:
    found = find_periods("Sales rose in the year to June and in March.", "en", PUB)
    assert [p.period for p in found] == ["2024-03"]


# --- audit fixes: numbers (audit-scoring section 7) --------------------------------------------------------

NUMBER_AUDIT_CASES: list[tuple[str, Lang | None, float | None]] = [
    ("\u20133.1", "en", -3.1),  # an en dash glued to the number is a minus
    ("\u20133,1 %", "fr", -3.1),
    ("- 3.1%", "en", -3.1),  # a sign spaced from the number at the start of a lone value
    ("1.2\u20131.5 million", "en", None),  # an en dash between numbers is a range, not a sign
    ("(3.1)", "en", -3.1),  # accounting negative
    ("(1,234)", "en", -1234.0),
    ("(2024)", "en", 2024.0),  # a year in parentheses is a year, not a negative
    ("(3,1 %)", "fr", -3.1),
    ("(about 2.32 billion dollars)", "en", 2.32e9),  # words inside: a parenthesis, not a negative
    ("1\u00bd million", "en", 1.5e6),
    ("2\u00bc%", "en", 2.25),
    ("1 \u00be", "en", 1.75),
    ("1\u2153 million", "en", None),  # no exact decimal value: unreadable, not 1 million
    ("1.5\u00bd", "en", None),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NUMBER_AUDIT_CASES)
def test_parse_number_audit_forms(text: str, lang: Lang | None, expected: float | None) -> None:
    assert parse_number(text, lang) == expected


def test_find_numbers_en_dash_span_is_two_numbers_and_dash_minus_is_a_sign() -> None:
    assert [m.value for m in find_numbers("2019\u20132023", "en")] == [2019.0, 2023.0]
    assert [m.value for m in find_numbers("une variation de \u20133,1 %", "fr")] == [-3.1]
    assert parse_range("1.2\u20131.5 million", "en") == (1.2e6, 1.5e6)


SPELLED_FRACTION_CASES: list[tuple[str, Lang | None, float | None]] = [
    ("a quarter of a million", "en", 250_000.0),
    ("three quarters of a billion", "en", 7.5e8),
    ("three-quarters of a billion", "en", 7.5e8),
    ("three-quarters of a million", "en", 750_000.0),
    ("two and a half million", "en", 2.5e6),
    ("one and a half", "en", 1.5),
    ("deux millions et demi", "fr", 2.5e6),
    ("un milliard et demi", "fr", 1.5e9),
    ("deux et demi", "fr", 2.5),
    ("trois quarts de million", "fr", 750_000.0),
    # a fraction alone is a share whose value (0.67? 66.7 percent?) the text does not fix: no number
    ("two-thirds", "en", None),
    ("two thirds of households", "en", None),
    ("three quarters", "en", None),
    ("deux tiers", "fr", None),
    ("trois quarts des ménages", "fr", None),
]


@pytest.mark.parametrize(("text", "lang", "expected"), SPELLED_FRACTION_CASES)
def test_spelled_fractions(text: str, lang: Lang | None, expected: float | None) -> None:
    assert parse_number(text, lang) == expected


# --- audit fixes: units (audit-scoring section 6) ----------------------------------------------------------

UNIT_AUDIT_CASES: list[tuple[str, str | None]] = [
    # a currency code with a scale word on either side
    ("million USD", "USD"),
    ("USD million", "USD"),
    ("billion CNY", "CNY"),
    ("milliards USD", "USD"),
    ("bn USD", "USD"),
    ("EUR bn", "EUR"),
    ("millions d'euros", "EUR"),
    # a price per unit takes the currency (guideline 2.3), a rate per time or area its numerator's unit
    ("dollars a barrel", "USD"),
    ("dollars le baril", "USD"),
    ("euros le kilo", "EUR"),
    ("yuan per tonne", "CNY"),
    ("euros per tonne", "EUR"),
    ("forints le kilo", "HUF"),
    ("USD/bbl", "USD"),
    ("$/t", "USD"),
    ("\u20ac/kg", "EUR"),
    ("US$ per barrel", "USD"),
    ("barrels per day", "bbl"),
    ("barils par jour", "bbl"),
    ("tonnes per hectare", "t"),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_AUDIT_CASES)
def test_normalize_unit_audit_forms(text: str, expected: str | None) -> None:
    assert normalize_unit(text) == expected


@pytest.mark.parametrize(
    ("value", "unit"),
    [("99.80 dollars a barrel", "dollars a barrel"), ("139 forints le kilo", "forints le kilo")],
)
def test_price_per_unit_reads_alike_in_the_value_and_the_unit_field(value: str, unit: str) -> None:
    lang: Lang = "fr" if "le kilo" in unit else "en"
    from_value = normalize_claim(PredictedClaim(metric="price", value=value), lang, PUB)
    from_unit = normalize_claim(PredictedClaim(metric="price", value=1.0, unit=unit), lang, PUB)
    assert from_value.unit == from_unit.unit == normalize_unit(unit)
