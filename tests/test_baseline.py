"""The rule-based baseline: the seed pair, hand-written EN and FR sentences, distractors, determinism."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.normalize import metric_similarity
from bench.types import Document, InputDocument, Lang, PredictedClaim
from runners.base import Runner
from runners.baseline import BaselineConfig, BaselineRunner, body_start, extract_claims, sentences

GOLD = Path(__file__).resolve().parent.parent / "gold" / "test"
SEED = "xinhua-shenzhen-industries-2024"
PUB = "2024-10-30"


def _seed(lang: Lang) -> Document:
    return Document.from_json(json.loads((GOLD / f"{SEED}.{lang}.json").read_text(encoding="utf-8")))


def _key(c: PredictedClaim) -> tuple[object, ...]:
    return (c.value, c.value_high, c.unit, c.period, c.yoy_change, c.yoy_unit, c.qualifier)


def _doc(text: str, lang: Lang, title: str = "", published: str = PUB) -> InputDocument:
    return InputDocument("d", "p", lang, title, text, published)


# --- the seed pair ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_seed_claims_found_with_the_gold_fields(lang: Lang) -> None:
    doc = _seed(lang)
    predicted = BaselineRunner().extract(doc.input())
    gold = {
        (g.value, g.value_high, g.unit, g.period, g.yoy_change, g.yoy_unit, g.qualifier) for g in doc.claims
    }
    assert {_key(c) for c in predicted} == gold
    assert len(predicted) == len(doc.claims) == 4


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_seed_metrics_score_as_correct(lang: Lang) -> None:
    doc = _seed(lang)
    predicted = {c.value: c for c in BaselineRunner().extract(doc.input())}
    for g in doc.claims:
        metric = predicted[g.value].metric
        assert metric is not None
        assert metric_similarity(metric, [g.metric, *g.metric_aliases], lang) >= 0.5, (metric, g.metric)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_seed_evidence_is_the_claims_clause_in_the_text(lang: Lang) -> None:
    doc = _seed(lang)
    for c in BaselineRunner().extract(doc.input()):
        assert c.evidence is not None
        assert doc.text[c.evidence.start : c.evidence.end] == c.evidence.text
        gold = next(g for g in doc.claims if g.value == c.value)
        assert c.evidence.start < gold.evidence.end and gold.evidence.start < c.evidence.end


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_seed_distractors_are_not_claims(lang: Lang) -> None:
    doc = _seed(lang)
    predicted = BaselineRunner().extract(doc.input())
    values = {c.value for c in predicted}
    assert 10e9 not in values  # the sidebar headline "China allocates 10 bln yuan"
    assert not values & {3.0, 5.0, 2024.0, 30.0}  # three offices, five funds, the dateline
    assert 2.32e9 not in values  # the USD conversion in parentheses is not a claim of its own
    for d in doc.distractors:
        if d.kind in ("identifier", "date", "boilerplate-headline"):  # "L3", the dateline, the sidebar
            for c in predicted:
                assert c.evidence is not None
                assert c.evidence.end <= d.evidence.start or d.evidence.end <= c.evidence.start
    start = body_start(doc.text, doc.title)
    assert all(c.evidence is not None and c.evidence.start >= start for c in predicted)


def test_text_before_the_title_is_read_when_told_to() -> None:
    doc = _seed("en")
    everything = BaselineRunner(BaselineConfig(skip_before_title=False)).extract(doc.input())
    assert 10e9 in {c.value for c in everything}


def test_deterministic_and_order_independent() -> None:
    runner = BaselineRunner()
    docs = [_seed("en").input(), _seed("fr").input()]
    first = [runner.extract(d) for d in docs]
    again = [runner.extract(d) for d in reversed(docs)][::-1]
    assert first == again
    assert runner.extract_batch(docs) == first


# --- hand-written sentences ------------------------------------------------------------------------------

Row = tuple[float | None, float | None, str | None, str | None, float | None, str | None, str]

SENTENCES: list[tuple[Lang, str, list[Row]]] = [
    (
        "en",
        "China's exports rose 5.2 percent year on year to 300 billion U.S. dollars in October.",
        [(3e11, None, "USD", "2024-10", 5.2, "percent", "exact")],
    ),
    (
        "en",
        "The unemployment rate stood at 7.1% in the third quarter, up 0.3 percentage points from a year "
        "earlier.",
        [(7.1, None, "percent", "2024-Q3", 0.3, "pp", "exact")],
    ),
    (
        "en",
        "Consumer prices rose 2.6% year on year in September.",
        [(None, None, None, "2024-09", 2.6, "percent", "exact")],
    ),
    ("en", "GDP grew 0.4% in the third quarter.", []),  # a change that is not year on year
    (
        "en",
        "Revenue fell 3.1 percent from a year earlier to 4.5 billion euros in the first nine months of 2024.",
        [(4.5e9, None, "EUR", "2024-01/2024-09", -3.1, "percent", "exact")],
    ),
    (
        "en",
        "The 45-year-old chief executive said sales reached about $2.5bn last year.",
        [(2.5e9, None, "USD", "2023", None, None, "approx")],
    ),
    (
        "en",
        "The Shanghai Composite Index closed at 3,245.6 points on Monday.",
        [(3245.6, None, "points", "2024-10-28", None, None, "exact")],
    ),
    ("en", "Exports rose by $3bn from a year earlier.", [(None, None, None, None, 3e9, "USD", "exact")]),
    ("en", "The firm opened 3 offices in 2023.", []),
    (
        "en",
        "Oil output was between 1.2 and 1.5 million barrels per day in 2023.",
        [(1.2e6, 1.5e6, "bbl", "2023", None, None, "range")],
    ),
    (
        "en",
        "The company employs nearly 12,000 people and will cut 650 jobs, or 4% of its workforce.",
        [
            (12000.0, None, "count", None, None, None, "upper_bound"),
            (650.0, None, "count", None, None, None, "exact"),
        ],
    ),
    ("en", "Call +33 1 23 45 67 89 or visit booth 12 at the L3 fair.", []),
    (
        "fr",
        "Les exportations de la Chine ont augmenté de 5,2 % en glissement annuel pour atteindre 300 "
        "milliards de dollars en octobre.",
        [(3e11, None, "USD", "2024-10", 5.2, "percent", "exact")],
    ),
    (
        "fr",
        "Le taux de chômage s'est établi à 7,1 % au troisième trimestre, en hausse de 0,3 point de "
        "pourcentage sur un an.",
        [(7.1, None, "percent", "2024-Q3", 0.3, "pp", "exact")],
    ),
    (
        "fr",
        "Les prix à la consommation ont progressé de 2,6 % sur un an en septembre.",
        [(None, None, None, "2024-09", 2.6, "percent", "exact")],
    ),
    ("fr", "Le PIB a progressé de 0,4 % au troisième trimestre.", []),
    (
        "fr",
        "Le chiffre d'affaires a reculé de 3,1 % par rapport à la même période de l'année précédente, à 4,5 "
        "milliards d'euros sur les neuf premiers mois de 2024.",
        [(4.5e9, None, "EUR", "2024-01/2024-09", -3.1, "percent", "exact")],
    ),
    (
        "fr",
        "Le directeur général, âgé de 45 ans, a indiqué que les ventes avaient atteint environ 2,5 milliards "
        "de dollars l'an dernier.",
        [(2.5e9, None, "USD", "2023", None, None, "approx")],
    ),
    (
        "fr",
        "L'indice CAC 40 a clôturé à 7\u202f245,6 points lundi.",
        [(7245.6, None, "points", "2024-10-28", None, None, "exact")],
    ),
    (
        "fr",
        "La production a atteint près de 1,2 million de tonnes en 2023, soit une augmentation annuelle "
        "de 3 %.",
        [(1.2e6, None, "t", "2023", 3.0, "percent", "upper_bound")],
    ),
    (
        "fr",
        "L'entreprise, qui emploie plus de 12\u00a0000 personnes, va supprimer 650 emplois, soit 4 % de ses "
        "effectifs.",
        [
            (12000.0, None, "count", None, None, None, "lower_bound"),
            (650.0, None, "count", None, None, None, "exact"),
        ],
    ),
    ("fr", "La ville a ouvert trois bureaux et 3 agences le 1er mars.", []),
    (
        "en",
        "The deficit narrowed to 3.8% of GDP in 2024 from 4.6% a year earlier.",
        [
            (3.8, None, "percent", "2024", None, None, "exact"),
            (4.6, None, "percent", "2023", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Le déficit s'est réduit à 3,8 % du PIB en 2024, contre 4,6 % un an plus tôt.",
        [
            (3.8, None, "percent", "2024", None, None, "exact"),
            (4.6, None, "percent", "2023", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Output was 3.1 million tonnes, 2% less than in the same period of 2023.",
        [(3.1e6, None, "t", None, -2.0, "percent", "exact")],
    ),
    (
        "fr",
        "Sur les dix premiers mois de l'année, la production s'est élevée à 121,6 millions de barils, soit "
        "3,9 % de plus que sur la même période de l'année précédente.",
        [(121.6e6, None, "bbl", "2024-01/2024-10", 3.9, "percent", "exact")],
    ),
    (
        "en",
        "In April, chemical output plunged 9.4% from April 2023 to 3 million tonnes.",
        # the base period is not the figure's period; a base one year before makes the change year on year
        [(3e6, None, "t", "2024-04", -9.4, "percent", "exact")],
    ),
    (
        "en",
        "The jobless rate fell to 6.8% in August, down from 7.4% in July.",
        [
            (6.8, None, "percent", "2024-08", None, None, "exact"),
            (7.4, None, "percent", "2024-07", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Le nombre de chômeurs s'élevait à 176 500, soit 61 300 de moins qu'un an plus tôt.",
        [(176500.0, None, "count", None, -61300.0, "count", "exact")],
    ),
    (
        "en",
        "The debt reached 180.2 billion euros in the first half, against 162.1 billion in the same period "
        "of 2023.",
        [
            (1.802e11, None, "EUR", "2024-H1", None, None, "exact"),
            (1.621e11, None, "EUR", "2023-H1", None, None, "exact"),
        ],
    ),
    ("en", "Over a year it is up 14.2%.", [(None, None, None, None, 14.2, "percent", "exact")]),
    ("en", "Rents rose three percent year on year.", [(None, None, None, None, 3.0, "percent", "exact")]),
    (
        "en",
        "Coal imports fell to 1.27 million tonnes in 2019, 31% less than in 2018.",
        [(1.27e6, None, "t", "2019", -31.0, "percent", "exact")],
    ),
    (
        "fr",
        "Les mises en chantier ont chuté à 41 300 logements en 2021, soit 5 800 de moins qu'en 2020.",
        [(41300.0, None, "count", "2021", -5800.0, "count", "exact")],
    ),
    ("en", "GDP grew 0.4% in the third quarter from the second quarter.", []),  # not year on year
    (
        "fr",
        "L'excédent a atteint 362 milliards de francs CFA en 2023.",  # money of an ambiguous currency
        [(362e9, None, None, "2023", None, None, "exact")],
    ),
    (
        "en",
        "Norvik Light settled at $84.37, up 2.9% on the day and 6.1% lower than a year earlier.",
        [(84.37, None, "USD", None, -6.1, "percent", "exact")],  # the day's move is not year on year
    ),
    (
        "en",
        "The bank expects inflation to average between 2.4% and 2.7% in 2024.",
        [(2.4, 2.7, "percent", "2024", None, None, "range")],
    ),
    (
        "fr",
        "L'inflation sous-jacente a ralenti de 0,4 point de pourcentage sur un an, à 3,1 %.",
        [(3.1, None, "percent", None, -0.4, "pp", "exact")],
    ),
    (
        "fr",
        "La production de gaz a reculé de 1,4 milliard de mètres cubes sur un an, à 9,8 milliards de "
        "mètres cubes.",
        [(9.8e9, None, "m3", None, -1.4e9, "m3", "exact")],
    ),
    (
        "en",
        "Fibre subscriptions reached 9.4 million at the end of 2024, up 1.1 million from a year earlier.",
        [(9.4e6, None, None, "2024", 1.1e6, "count", "exact")],  # no unit written: the change counts things
    ),
    (
        "en",
        "New orders rose to 6.3 billion euros in April, up 1.2 percent on the year.",
        [(6.3e9, None, "EUR", "2024-04", 1.2, "percent", "exact")],
    ),
    (
        "fr",
        "L'inflation annuelle a ralenti à 2,9 % en mars, après 3,4 % en février.",
        [
            (2.9, None, "percent", "2024-03", None, None, "exact"),
            (3.4, None, "percent", "2024-02", None, None, "exact"),
        ],
    ),
    (
        "en",
        "The board proposed a dividend of 1,450 won per share.",
        [(1450.0, None, "KRW", None, None, None, "exact")],
    ),
    (
        "en",
        "Cocoa exports reached 412.5 billion West African CFA francs in the first quarter.",
        [(412.5e9, None, "XOF", "2024-Q1", None, None, "exact")],
    ),
    ("en", "The rate rose 0.3 point in March.", []),  # a change that is not year on year
    ("fr", "La production a fléchi de 0,6 % en mars.", []),
    (
        "en",
        "Among those aged 15 to 24, the rate was 18.2% in 2023.",  # an age is not a claim
        [(18.2, None, "percent", "2023", None, None, "exact")],
    ),
    (
        "fr",
        "Environ deux mille emplois saisonniers ont été perdus l'an dernier.",
        [(2000.0, None, "count", "2023", None, None, "approx")],
    ),
    (
        "en",
        "Part-time workers numbered about half a million.",
        [(500_000.0, None, None, None, None, None, "approx")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SENTENCES)
def test_sentences(lang: Lang, text: str, expected: list[Row]) -> None:
    assert [_key(c) for c in extract_claims(_doc(text, lang))] == expected


@pytest.mark.parametrize(
    ("lang", "text", "metric"),
    [
        (
            "en",
            "China's exports rose 5.2 percent year on year to 300 billion U.S. dollars in October.",
            "exports",
        ),
        ("en", "Consumer prices rose 2.6% year on year in September.", "Consumer prices"),
        ("en", "The company, founded 25 years ago, employs more than 12,000 people.", "company"),
        (
            "fr",
            "Les prix à la consommation ont progressé de 2,6 % sur un an en septembre.",
            "prix consommation",
        ),
        ("fr", "L'entreprise, qui emploie plus de 12 000 personnes, a fermé.", "entreprise"),
        ("fr", "La production cumulée s'est élevée à 121,6 millions de barils.", "production cumulée"),
        ("fr", "Le déficit s'est réduit à 3,8 % du PIB en 2024.", "déficit"),
        ("en", "Energy prices, by contrast, fell 4.2% year on year.", "Energy prices"),
        ("en", "Steelmakers poured 318,000 tonnes of crude steel in April.", "crude steel"),
        ("fr", "Les sidérurgistes ont coulé 318 000 tonnes d'acier brut en avril.", "acier brut"),
        (
            "en",
            "Electricity consumption reached a record 41.2 terawatt-hours in 2019.",
            "electricity consumption",
        ),
        (
            "fr",
            "La consommation d'électricité a atteint le niveau record de 41,2 TWh.",
            "consommation électricité",
        ),
        ("en", "Interest payments will climb to 4.5 billion euros in 2025.", "interest payments"),
        ("fr", "L'inflation des services est restée stable à 4,0 %.", "inflation des services"),
        ("fr", "Le nombre de chômeurs s'élevait à 176 500.", "nombre de chômeurs"),
    ],
)
def test_metric_is_the_subject_noun_phrase(lang: Lang, text: str, metric: str) -> None:
    (claim,) = extract_claims(_doc(text, lang))
    assert claim.metric is not None
    assert metric_similarity(claim.metric, [metric], lang) >= 0.5


def test_title_not_found_reads_the_whole_text() -> None:
    assert body_start("Sales rose 5%.", "Another title") == 0
    assert body_start("menu  Big Title here\nbody", "big  title HERE") == 6


def test_sentences_split_on_lines_and_full_stops() -> None:
    text = "One 1.5 U.S. dollars. Two here!\nThree"
    assert [text[a:b] for a, b in sentences(text)] == ["One 1.5 U.S. dollars.", "Two here!", "Three"]


def test_runner_contract_and_entry_point() -> None:
    runner = BaselineRunner()
    assert isinstance(runner, Runner)
    assert (BaselineRunner.name, BaselineRunner.io_bound) == ("baseline", False)
    (ep,) = [e for e in entry_points(group="claimbench.runners") if e.name == "baseline"]
    assert ep.load() is BaselineRunner


def test_empty_and_numberless_documents() -> None:
    assert extract_claims(_doc("", "en")) == []
    assert extract_claims(_doc("Nothing to count here.", "fr", title="Nothing")) == []


def test_period_carries_within_a_paragraph_only() -> None:
    text = (
        "Exports reached 5 billion euros in March. Imports totalled 4 billion euros.\n"
        "Stocks stood at 2 million tonnes."
    )
    periods = [c.period for c in extract_claims(_doc(text, "en"))]
    assert periods == ["2024-03", "2024-03", None]
    off = BaselineRunner(BaselineConfig(carry_period=False)).extract(_doc(text, "en"))
    assert [c.period for c in off] == ["2024-03", None, None]


_pieces = st.sampled_from(
    ["1,73 million", "104.2%", " de ", " of ", "yuans", " up ", " year on year", " en glissement annuel",
     ", ", ". ", "\n", "2023", "Q3", " rose ", " from ", " a year earlier", "(about $2bn)", "L3", " three ",
     "€", " 1\u202f250 ", " hier", " depuis janvier", "—", "le", "The output"]
)  # fmt: skip


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=30), st.sampled_from(["en", "fr"]))
def test_any_text_gives_valid_claims(parts: list[str], lang: Lang) -> None:
    text = "".join(parts)
    doc = _doc(text, lang)
    claims = extract_claims(doc)
    assert claims == extract_claims(doc)
    for c in claims:
        assert c.evidence is not None and text[c.evidence.start : c.evidence.end] == c.evidence.text
        assert c.value is not None or c.yoy_change is not None


# --- newswire patterns from the audit (audit-runners.md section 6), new sentences ------------------------

NEWSWIRE: list[tuple[Lang, str, list[Row]]] = [
    # (a) "after/following/compared with/contre X% in <period>" after a change restates the change for
    # another period: two change-only claims, the second with the period written after it
    (
        "en",
        "Consumer prices in Valmora rose 3.1% in October from a year earlier, after 2.8% in September, "
        "the statistics office said.",
        [
            (None, None, None, "2024-10", 3.1, "percent", "exact"),
            (None, None, None, "2024-09", 2.8, "percent", "exact"),
        ],
    ),
    (
        "fr",
        "Les prix à la consommation ont augmenté de 3,1 % en octobre sur un an, après 2,8 % en septembre, "
        "selon l'institut de statistique.",
        [
            (None, None, None, "2024-10", 3.1, "percent", "exact"),
            (None, None, None, "2024-09", 2.8, "percent", "exact"),
        ],
    ),
    (
        "en",
        "Producer prices fell 1.5% year on year in September, compared with 0.9% in August.",
        [
            (None, None, None, "2024-09", -1.5, "percent", "exact"),
            (None, None, None, "2024-08", -0.9, "percent", "exact"),  # the direction carries over
        ],
    ),
    (
        "fr",
        "Les prix à la production ont reculé de 1,5 % sur un an en septembre, contre 0,9 % en août.",
        [
            (None, None, None, "2024-09", -1.5, "percent", "exact"),
            (None, None, None, "2024-08", -0.9, "percent", "exact"),
        ],
    ),
    (
        "en",
        "Exports rose 5.0% year on year to $3.2bn in September, following 4.1% in August.",
        [
            (3.2e9, None, "USD", "2024-09", 5.0, "percent", "exact"),
            (None, None, None, "2024-08", 4.1, "percent", "exact"),
        ],
    ),
    # a quarter-on-quarter change restated for the quarter before: neither is a claim
    ("en", "GDP grew 0.4% in the third quarter, after 0.2% in the second quarter.", []),
    ("fr", "Le PIB a progressé de 0,4 % au troisième trimestre, après 0,2 % au deuxième trimestre.", []),
    # a rate brought "to" a level is a level even with a YoY marker (an annual rate), and so is its base
    (
        "en",
        "Inflation in Valmora eased to 2.6% year on year in October, from 2.9% in September.",
        [
            (2.6, None, "percent", "2024-10", None, None, "exact"),
            (2.9, None, "percent", "2024-09", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "L'inflation en Valmora a ralenti à 2,6 % sur un an en octobre, après 2,9 % en septembre.",
        [
            (2.6, None, "percent", "2024-10", None, None, "exact"),
            (2.9, None, "percent", "2024-09", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Sales posted a 4.2% year-on-year increase in October.",  # the article "a" is no level link
        [(None, None, None, "2024-10", 4.2, "percent", "exact")],
    ),
    # a change word before a colon does not make the figure after it a change
    (
        "en",
        "Occupancy improved: 74% of rooms were booked in August, against 69% a year earlier.",
        [
            (74.0, None, "percent", "2024-08", None, None, "exact"),
            (69.0, None, "percent", "2023-08", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "L'occupation s'est améliorée : 74 % des chambres étaient réservées en août, contre 69 % un an plus "
        "tôt.",
        [
            (74.0, None, "percent", "2024-08", None, None, "exact"),
            (69.0, None, "percent", "2023-08", None, None, "exact"),
        ],
    ),
    # (b) a change with its own non-YoY base is not year on year, whatever the rest of the sentence says
    (
        "en",
        "Industrial output rose 0.8% in September from August and was 2.5% higher than a year earlier.",
        [(None, None, None, "2024-09", 2.5, "percent", "exact")],
    ),
    (
        "fr",
        "La production industrielle a progressé de 0,8 % en septembre par rapport à août et de 2,5 % sur "
        "un an.",
        [(None, None, None, "2024-09", 2.5, "percent", "exact")],
    ),
    (
        "en",
        "Retail sales fell 0.5% in September from the previous month but were up 1.9% on the year.",
        [(None, None, None, "2024-09", 1.9, "percent", "exact")],
    ),
    # (c) a YoY change in another clause belongs to that clause's metric, not to the value before it
    (
        "en",
        "The current account surplus widened to 24.6 billion euros in 2023, while imports fell 2.3 percent "
        "year on year.",
        [
            (2.46e10, None, "EUR", "2023", None, None, "exact"),
            (None, None, None, "2023", -2.3, "percent", "exact"),
        ],
    ),
    (
        "fr",
        "L'excédent courant s'est creusé à 24,6 milliards d'euros en 2023, tandis que les importations ont "
        "reculé de 2,3 % sur un an.",
        [
            (2.46e10, None, "EUR", "2023", None, None, "exact"),
            (None, None, None, "2023", -2.3, "percent", "exact"),
        ],
    ),
    (
        "fr",
        "L'excédent courant s'est creusé à 24,6 milliards d'euros en 2023 ; les importations ont reculé de "
        "2,3 % sur un an.",
        [
            (2.46e10, None, "EUR", "2023", None, None, "exact"),
            (None, None, None, "2023", -2.3, "percent", "exact"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), NEWSWIRE)
def test_newswire_patterns(lang: Lang, text: str, expected: list[Row]) -> None:
    assert [_key(c) for c in extract_claims(_doc(text, lang))] == expected


@pytest.mark.parametrize(
    ("lang", "text", "metrics"),
    [
        (
            "en",
            "Consumer prices rose 3.1% in October from a year earlier, after 2.8% in September.",
            ["Consumer prices", "Consumer prices"],
        ),
        (
            "fr",
            "Les prix à la production ont reculé de 1,5 % sur un an en septembre, contre 0,9 % en août.",
            ["prix à la production", "prix à la production"],
        ),
        (
            "en",
            "The current account surplus widened to 24.6 billion euros in 2023, while imports fell 2.3 "
            "percent year on year.",
            ["current account surplus", "imports"],
        ),
        (
            "fr",
            "L'excédent courant s'est creusé à 24,6 milliards d'euros en 2023, tandis que les importations "
            "ont reculé de 2,3 % sur un an.",
            ["excédent courant", "importations"],
        ),
        # (e) the verb group before the object noun phrase is dropped: auxiliary and participle
        ("fr", "Le groupe Vellard a dégagé un résultat opérationnel de 310 millions d'euros en 2023.",
         ["résultat opérationnel"]),
        ("fr", "La société Altavia a réalisé un chiffre d'affaires de 842 millions d'euros.",
         ["chiffre d'affaires"]),
        ("en", "The insurer has booked a net loss of $120 million for 2023.", ["net loss"]),
        # an agent spending, selling, exporting an amount: the metric is the action, by the agent or of
        # what the unit counts
        ("en", "Holidaymakers spent about £640m on the island last summer.", ["spending by Holidaymakers"]),
        ("fr", "Les vacanciers ont dépensé environ 640 millions d'euros sur l'île l'été dernier.",
         ["dépenses de vacanciers"]),
        ("en", "Nordhavn Energy exported 3.2 TWh of electricity in 2023.", ["electricity exports"]),
        ("fr", "Nordhavn Energy a exporté 3,2 TWh d'électricité en 2023.", ["exportations d'électricité"]),
        ("en", "Its crude sold for an average of $71.20 a barrel in 2023.", ["crude"]),  # a price, no sale
    ],
)  # fmt: skip
def test_newswire_metrics(lang: Lang, text: str, metrics: list[str]) -> None:
    assert [c.metric for c in extract_claims(_doc(text, lang))] == metrics


# --- periods on unseen newswire (audit-runners.md section 6 item d), new sentences ------------------------

PERIODS: list[tuple[Lang, str, str, list[Row]]] = [
    # "the previous quarter/month/year" is the one before the period the text reports, not before
    # `published` (guideline 2.6); with no reported period of that kind it stays relative to `published`
    (
        "fr",
        "Le taux de chômage de Valmora est remonté à 6,8 % au troisième trimestre, contre 6,5 % au trimestre "
        "précédent, a indiqué l'institut de statistique.",
        "2024-11-14",
        [
            (6.8, None, "percent", "2024-Q3", None, None, "exact"),
            (6.5, None, "percent", "2024-Q2", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Valmora's jobless rate rose to 6.8% in the third quarter from 6.5% in the previous quarter, the "
        "statistics office said.",
        "2024-11-14",
        [
            (6.8, None, "percent", "2024-Q3", None, None, "exact"),
            (6.5, None, "percent", "2024-Q2", None, None, "exact"),
        ],
    ),
    (
        "en",
        "New car registrations in Kestria reached 48,200 vehicles in August, up from 45,900 the previous "
        "month.",
        "2024-10-30",
        [
            (48200.0, None, "count", "2024-08", None, None, "exact"),
            (45900.0, None, "count", "2024-07", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Les immatriculations de voitures neuves ont atteint 48 200 véhicules en août, contre 45 900 le mois "
        "précédent.",
        "2024-10-30",
        [
            (48200.0, None, "count", "2024-08", None, None, "exact"),
            (45900.0, None, "count", "2024-07", None, None, "exact"),
        ],
    ),
    (  # the reported quarter is stated in the sentence before, in the same paragraph
        "en",
        "Valmora's jobless rate fell to 6.1% in the second quarter. In the previous quarter it had stood at "
        "6.4%.",
        "2024-11-14",
        [
            (6.1, None, "percent", "2024-Q2", None, None, "exact"),
            (6.4, None, "percent", "2024-Q1", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Le chiffre d'affaires de Norbrek a atteint 3,2 milliards d'euros en 2022. L'année précédente, il "
        "s'élevait à 2,9 milliards d'euros.",
        "2024-10-30",
        [
            (3.2e9, None, "EUR", "2022", None, None, "exact"),
            (2.9e9, None, "EUR", "2021", None, None, "exact"),
        ],
    ),
    (
        "en",
        "The vacancy rate stood at 5.2% in the previous quarter.",
        "2024-10-30",
        [(5.2, None, "percent", "2024-Q3", None, None, "exact")],
    ),
    # fiscal years ended on a date are the fiscal year (guidelines 2.6, 5.9), as normalize_period reads them
    (
        "en",
        "Harwell Mining reported revenue of A$2.4 billion for the fiscal year ended June 30, up 6% from a "
        "year earlier.",
        "2024-08-20",
        [(2.4e9, None, "AUD", "FY2024", 6.0, "percent", "exact")],
    ),
    (
        "fr",
        "Le groupe Harwell a réalisé un chiffre d'affaires de 2,4 milliards d'euros sur l'exercice clos le "
        "30 juin.",
        "2024-09-05",
        [(2.4e9, None, "EUR", "FY2024", None, None, "exact")],
    ),
    # a forecast period of one figure's predicate does not date a figure of another predicate before it
    (
        "en",
        "Norbrek Motors employs about 9,800 people and plans to cut 1,450 jobs by 2026.",
        "2024-10-30",
        [
            (9800.0, None, "count", None, None, None, "approx"),
            (1450.0, None, "count", "2026", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Norbrek Motors, qui emploie environ 9 800 personnes, prévoit de supprimer 1 450 postes d'ici 2026.",
        "2024-10-30",
        [
            (9800.0, None, "count", None, None, None, "approx"),
            (1450.0, None, "count", "2026", None, None, "exact"),
        ],
    ),
    (  # one predicate with two figures shares its period
        "en",
        "Revenue is expected to reach €5.2bn and operating profit €610m in 2026.",
        "2024-10-30",
        [
            (5.2e9, None, "EUR", "2026", None, None, "exact"),
            (6.1e8, None, "EUR", "2026", None, None, "exact"),
        ],
    ),
    # a comparison base "in the same period last year" is the other figure's period a year back, and
    # that period does not date the other figure
    (
        "en",
        "Iron ore fetched an average of US$96 a tonne in the first half, compared with US$118 in the same "
        "period last year.",
        "2024-08-20",
        [
            (96.0, None, "USD", "2024-H1", None, None, "exact"),
            (118.0, None, "USD", "2023-H1", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Le minerai de fer s'est vendu en moyenne 96 dollars la tonne au premier semestre, contre 118 "
        "dollars sur la même période de l'an dernier.",
        "2024-08-20",
        [
            (96.0, None, "USD", "2024-H1", None, None, "exact"),
            (118.0, None, "USD", "2023-H1", None, None, "exact"),
        ],
    ),
    (  # the figure's period is the paragraph's
        "en",
        "Iron ore exports in the first half of 2024 totalled 8.1 million tonnes. Prices averaged US$96 a "
        "tonne, compared with US$118 in the same period last year.",
        "2024-10-30",
        [
            (8.1e6, None, "t", "2024-H1", None, None, "exact"),
            (96.0, None, "USD", "2024-H1", None, None, "exact"),
            (118.0, None, "USD", "2023-H1", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Prices averaged US$96 a tonne, against US$118 last year.",
        "2024-10-30",
        [
            (96.0, None, "USD", None, None, None, "exact"),
            (118.0, None, "USD", "2023", None, None, "exact"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), PERIODS)
def test_newswire_periods(lang: Lang, text: str, published: str, expected: list[Row]) -> None:
    assert [_key(c) for c in extract_claims(_doc(text, lang, published=published))] == expected


def test_a_forecast_period_stays_with_the_number_of_its_predicate() -> None:
    """The number the period follows need not be a claim (a small count of jobs here): the headcount
    before it still takes no period from it."""
    text = "Norbrek, qui emploie environ 9 800 personnes, prévoit de supprimer 450 postes d'ici 2026."
    headcount = extract_claims(_doc(text, "fr"))[0]
    assert (headcount.value, headcount.period) == (9800.0, None)


PERIODS_MORE: list[tuple[Lang, str, str, list[Row]]] = [
    # a comparison base dated by its own phrase past a participle or a preposition; the figure keeps its own
    (
        "fr",
        "Le budget 2025 prévoit un déficit ramené à 4,1 % du PIB, contre 4,9 % attendu en 2024.",
        "2024-10-30",
        [
            (4.1, None, "percent", "2025", None, None, "exact"),
            (4.9, None, "percent", "2024", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Fibre reached 58.4 percent of homes in June, against 51.7 percent at the end of 2023.",
        "2024-10-30",
        [
            (58.4, None, "percent", "2024-06", None, None, "exact"),
            (51.7, None, "percent", "2023", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "La compagnie a transporté 14,2 millions de passagers, contre 12,8 millions lors de l'exercice 2023.",
        "2024-10-30",
        [
            (14.2e6, None, "count", None, None, None, "exact"),
            (12.8e6, None, "count", "FY2023", None, None, "exact"),
        ],
    ),
    # a base with no period of its own compares at the figure's period (another entity)
    (
        "en",
        "Unemployment in the province stood at 9.4% in the third quarter, against 7.1% for the country as a "
        "whole.",
        "2024-10-30",
        [
            (9.4, None, "percent", "2024-Q3", None, None, "exact"),
            (7.1, None, "percent", "2024-Q3", None, None, "exact"),
        ],
    ),
    # "a year earlier" after the base's unit word, even one the units do not read
    (
        "en",
        "In the second quarter, net profit fell to 215 million crowns from 260 million crowns a year "
        "earlier.",
        "2024-10-30",
        [
            (2.15e8, None, None, "2024-Q2", None, None, "exact"),
            (2.6e8, None, None, "2023-Q2", None, None, "exact"),
        ],
    ),
    # "level with the previous quarter" names a comparison, not the figure's period
    (
        "en",
        "In the third quarter, from July to September, sales amounted to 3.4 billion euros, level with the "
        "previous quarter.",
        "2024-11-14",
        [(3.4e9, None, "EUR", "2024-Q3", None, None, "exact")],
    ),
    # a fiscal year "which ended on" a date is that fiscal year, and dates the paragraph
    (
        "en",
        "Revenue for the fiscal year, which ended on Sept. 30, rose 4.5% to $2.1 billion. The group had "
        "6.4 million customers.",
        "2024-11-20",
        [
            (2.1e9, None, "USD", "FY2024", None, None, "exact"),
            (6.4e6, None, "count", "FY2024", None, None, "exact"),
        ],
    ),
    (
        "fr",
        "Le chiffre d'affaires de l'exercice, clos le 30 septembre, a atteint 2,1 milliards de dollars.",
        "2024-11-20",
        [(2.1e9, None, "USD", "FY2024", None, None, "exact")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), PERIODS_MORE)
def test_newswire_periods_of_bases_and_fiscal_years(
    lang: Lang, text: str, published: str, expected: list[Row]
) -> None:
    assert [_key(c) for c in extract_claims(_doc(text, lang, published=published))] == expected


CARRIED: list[tuple[Lang, str, str, list[Row]]] = [
    # a present-tense stock takes no period from the paragraph (guideline 2.6: "employs some 38,500 people")
    (
        "en",
        "Norbrek Motors made a net profit of €1.2 billion in 2023. The group employs some 9,800 people.",
        "2024-10-30",
        [
            (1.2e9, None, "EUR", "2023", None, None, "exact"),
            (9800.0, None, "count", None, None, None, "approx"),
        ],
    ),
    (
        "fr",
        "Norbrek Motors a dégagé un bénéfice net de 1,2 milliard d'euros en 2023. Le groupe compte 9 800 "
        "salariés.",
        "2024-10-30",
        [
            (1.2e9, None, "EUR", "2023", None, None, "exact"),
            (9800.0, None, "count", None, None, None, "exact"),
        ],
    ),
    # a comparison base's period dates no other figure: the next sentence takes the reported month
    (
        "fr",
        "Les prix à la consommation ont augmenté de 2,6 % sur un an en mai, après 2,3 % en avril. Le loyer "
        "moyen a atteint 1 180 dollars par mois.",
        "2024-06-20",
        [
            (None, None, None, "2024-05", 2.6, "percent", "exact"),
            (None, None, None, "2024-04", 2.3, "percent", "exact"),
            (1180.0, None, "USD", "2024-05", None, None, "exact"),
        ],
    ),
    (
        "en",
        "Consumer prices rose 2.6% in May from a year earlier, after 2.3% in April. The average rent reached "
        "$1,180 a month.",
        "2024-06-20",
        [
            (None, None, None, "2024-05", 2.6, "percent", "exact"),
            (None, None, None, "2024-04", 2.3, "percent", "exact"),
            (1180.0, None, "USD", "2024-05", None, None, "exact"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), CARRIED)
def test_carried_periods(lang: Lang, text: str, published: str, expected: list[Row]) -> None:
    assert [_key(c) for c in extract_claims(_doc(text, lang, published=published))] == expected
