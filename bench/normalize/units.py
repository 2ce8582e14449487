"""Units as newswire writes them (EN and FR) -> the canonical codes of schemas/units.schema.json.

Rules:
- Canonical codes pass through unchanged (``kWh``, ``pp``, ``CNY``); ISO 4217 codes in any case map to
  themselves (``usd`` -> USD).
- Matching ignores case, accents and plural ``s``/``x``; scale words, numbers and the linking words
  ``de``/``d'``/``of`` around the unit are ignored (``milliards de yuans`` -> CNY), also around an ISO
  code (``million USD``, ``USD bn`` -> USD).
- A unit per another (``dollars a barrel``, ``euros le kilo``, ``yuan per tonne``, ``USD/bbl``,
  ``barrels per day``) is the first one's: a price per unit takes the currency (guideline 2.3; the "per
  barrel" goes in the metric), a rate per time its quantity's unit (guideline 5.6), as a value string
  ``99.80 dollars a barrel`` is read.
- A bare ``$`` or ``dollars`` is USD (the usual newswire convention); a bare ``¥`` is JPY; ``livres`` is
  GBP. Names shared by several currencies with no qualifier (pesos, dinars, francs, dirhams, crowns/
  couronnes/kroner, French ``roupies``, which also name the rupiah) are ambiguous: None. A nationality
  settles them (``Norwegian crowns`` -> NOK, ``Swedish crowns`` -> SEK, ``Danish kroner`` -> DKK).
- CFA francs (``FCFA``, ``F CFA``, ``francs CFA``, ``CFA francs``) are XOF, the BCEAO's West African franc,
  by far the more frequent in newswire; XAF only when the name says Central Africa (``Central African``,
  ``d'Afrique centrale``, ``CEMAC``, ``BEAC``). unit_at does not take the bare names in running text: there
  the article's country, not this default, decides (a Cameroonian ``francs CFA`` is XAF).
- A scale prefix glued to a currency symbol or ISO code is dropped (``M€``, ``Md€``, ``Mds$``, ``M£``,
  Quebec ``G$``, ``k€``, ``MEUR``); the symbol is then read as usual (``G$`` is USD like ``$``).
- ``pc`` and Canadian French ``p.c.`` are percent. Basis points (``bps``, ``points de base``) have no code:
  None (normalize_yoy reads a change in them as pp / 100).
- ``$ CA``/``CA$`` is CAD; ``Rs`` is INR (Indian wires are by far its most frequent users; Pakistan and Sri
  Lanka write it too); ``Mt``/``kt`` are tonnes (their scale is read by bench.normalize.numbers).
- In running text, ``points`` is index points; percentage points are ``pp``. (normalize_yoy reads a bare
  ``points`` change as pp, see bench.normalize.yoy.)
- Counted nouns (vehicles, jobs, visitors, véhicules, emplois...) -> ``count``. The list is open-ended
  and kept to frequent newswire nouns; unknown words give None.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bench.normalize.text import fold
from bench.schema import currency_codes, unit_codes
from bench.types import Lang

# canonical code -> folded surface forms (lowercase, no accents); a trailing "s"/"x" is optional in matching.
_NAMES: dict[str, tuple[str, ...]] = {
    "CNY": ("yuan", "renminbi", "rmb", "yuan renminbi", "chinese yuan", "yuan chinois", "元"),
    "USD": (
        "dollar",
        "us dollar",
        "u.s. dollar",
        "u.s dollar",
        "american dollar",
        "united states dollar",
        "dollar americain",
        "dollar us",
        "dollar des etats-unis",
        "dollar etats-unien",
        "greenback",
        "us$",
        "u.s.$",
        "$",
        "$us",
        "$ us",
    ),
    "EUR": ("euro", "€", "eur"),
    "GBP": (
        "pound",
        "pound sterling",
        "pounds sterling",
        "livres sterling",
        "british pound",
        "sterling",
        "livre sterling",
        "livre",
        "£",
    ),
    "JPY": ("yen", "japanese yen", "yen japonais", "¥"),
    "CAD": ("canadian dollar", "dollar canadien", "c$", "can$", "ca$", "$ca", "$ ca", "$can", "$ can"),
    "AUD": ("australian dollar", "dollar australien", "a$", "au$"),
    "HKD": ("hong kong dollar", "dollar de hong kong", "dollar hongkongais", "hk$"),
    "SGD": ("singapore dollar", "dollar de singapour", "dollar singapourien", "s$"),
    "NZD": ("new zealand dollar", "dollar neo-zelandais", "nz$"),
    "TWD": ("taiwan dollar", "new taiwan dollar", "dollar taiwanais", "nt$"),
    "CHF": ("swiss franc", "franc suisse", "chf"),
    "INR": ("rupee", "indian rupee", "roupie indienne", "₹", "rs", "rs."),
    "PKR": ("pakistani rupee", "roupie pakistanaise"),
    "RUB": ("ruble", "rouble", "russian ruble", "rouble russe", "₽"),
    "BRL": ("real", "reais", "brazilian real", "real bresilien", "reai", "r$"),
    "KRW": ("won", "south korean won", "korean won", "won sud-coreen", "₩"),
    "MXN": ("mexican peso", "peso mexicain"),
    "ARS": ("argentine peso", "argentinian peso", "peso argentin"),
    "CLP": ("chilean peso", "peso chilien"),
    "COP": ("colombian peso", "peso colombien"),
    "PHP": ("philippine peso", "peso philippin", "₱"),
    "ZAR": ("rand", "south african rand", "rand sud-africain"),
    "NGN": ("naira", "nigerian naira", "₦"),
    "KES": ("kenyan shilling", "shilling kenyan"),
    "TRY": ("lira", "turkish lira", "livre turque", "₺"),
    "PLN": ("zloty", "polish zloty", "zloty polonais", "zl"),
    "HUF": ("forint", "hungarian forint"),
    "CZK": ("koruna", "czech koruna", "czech crown", "couronne tcheque"),
    "SEK": ("swedish krona", "swedish kronor", "swedish crown", "kronor", "couronne suedoise"),
    "NOK": ("norwegian krone", "norwegian kroner", "norwegian crown", "couronne norvegienne"),
    "DKK": ("danish krone", "danish kroner", "danish crown", "couronne danoise"),
    "MYR": ("ringgit", "malaysian ringgit"),
    "THB": ("baht", "thai baht"),
    "VND": ("dong", "vietnamese dong", "₫"),
    "IDR": ("rupiah", "indonesian rupiah", "roupie indonesienne"),
    "SAR": ("saudi riyal", "riyal saoudien", "riyal"),
    "QAR": ("qatari riyal", "riyal qatari"),
    "AED": ("uae dirham", "emirati dirham", "dirham emirati", "dirham des emirats"),
    "MAD": ("moroccan dirham", "dirham marocain"),
    "DZD": ("algerian dinar", "dinar algerien"),
    "TND": ("tunisian dinar", "dinar tunisien"),
    "EGP": ("egyptian pound", "livre egyptienne"),
    "ILS": ("shekel", "new shekel", "israeli shekel", "sheqel", "nouveau shekel"),
    "UAH": ("hryvnia", "hryvnia ukrainienne", "grivna"),
    "RON": ("leu", "lei", "romanian leu"),
    "PEN": ("sol", "soles", "peruvian sol"),
    "XOF": (
        "fcfa",
        "f cfa",
        "franc cfa",
        "cfa franc",
        "f.cfa",
        "franc cfa bceao",
        "bceao franc",
        "west african cfa franc",
        "franc cfa ouest-africain",
        "franc cfa d'afrique de l'ouest",
    ),
    "XAF": (
        "fcfa beac",
        "fcfa cemac",
        "franc cfa cemac",
        "cfa franc beac",
        "cemac cfa franc",
        "beac cfa franc",
        "franc cfa beac",
        "beac franc",
        "central african cfa franc",
        "franc cfa d'afrique centrale",
    ),
    "percent": (
        "%",
        "percent",
        "per cent",
        "pct",
        "pc",
        "p.c.",
        "pour cent",
        "pourcent",
        "percentage",
        "pourcentage",
    ),
    "pp": (
        "pp",
        "p.p.",
        "ppt",
        "percentage point",
        "percent point",
        "per cent point",
        "point de pourcentage",
        "points de pourcentage",
        "point de %",
        "points de %",
        "pt de %",
        "pts de %",
    ),
    "points": ("point", "pts", "pt", "index point", "point d'indice", "points d'indice"),
    "t": ("tonne", "ton", "metric ton", "metric tonne", "tonne metrique", "t", "mt", "kt"),
    "kg": ("kilogram", "kilogramme", "kilo", "kg"),
    "l": ("liter", "litre", "l"),
    "m3": ("cubic meter", "cubic metre", "metre cube", "m3", "m³"),
    "bbl": ("barrel", "baril", "bbl"),
    "kWh": ("kilowatt-hour", "kilowatt hour", "kilowattheure", "kilowatt-heure", "kwh"),
    "MWh": ("megawatt-hour", "megawatt hour", "megawattheure", "megawatt-heure", "mwh"),
    "GWh": ("gigawatt-hour", "gigawatt hour", "gigawattheure", "gigawatt-heure", "gwh"),
    "TWh": ("terawatt-hour", "terawatt hour", "terawattheure", "terawatt-heure", "twh"),
    "MW": ("megawatt", "mw"),
    "GW": ("gigawatt", "gw"),
    "km": ("kilometer", "kilometre", "km"),
    "m2": ("square meter", "square metre", "metre carre", "m2", "m²", "sq m"),
    "ha": ("hectare", "ha"),
    "TEU": ("teu", "twenty-foot equivalent unit", "evp", "equivalent vingt pieds"),
    "count": (
        "count",
        "number",
        "nombre",
        "unit",
        "unite",
        "vehicle",
        "vehicule",
        "car",
        "voiture",
        "automobile",
        "truck",
        "camion",
        "bus",
        "job",
        "emploi",
        "poste",
        "people",
        "person",
        "personne",
        "individual",
        "individu",
        "visitor",
        "visiteur",
        "tourist",
        "touriste",
        "passenger",
        "passager",
        "traveler",
        "traveller",
        "voyageur",
        "trip",
        "voyage",
        "flight",
        "vol",
        "worker",
        "employee",
        "employe",
        "salarie",
        "travailleur",
        "household",
        "menage",
        "company",
        "companies",
        "firm",
        "enterprise",
        "entreprise",
        "societe",
        "business",
        "businesses",
        "case",
        "cas",
        "death",
        "deces",
        "mort",
        "victim",
        "victime",
        "birth",
        "naissance",
        "home",
        "house",
        "maison",
        "housing unit",
        "logement",
        "apartment",
        "appartement",
        "patient",
        "student",
        "etudiant",
        "eleve",
        "pupil",
        "user",
        "utilisateur",
        "subscriber",
        "abonne",
        "customer",
        "client",
        "resident",
        "habitant",
        "inhabitant",
        "migrant",
        "refugee",
        "refugie",
        "arrival",
        "arrivee",
        "visit",
        "visite",
        "ticket",
        "billet",
        "copy",
        "copies",
        "exemplaire",
        "device",
        "appareil",
        "smartphone",
        "phone",
        "telephone",
        "robot",
        "ship",
        "navire",
        "aircraft",
        "plane",
        "avion",
        "project",
        "projet",
        "contract",
        "contrat",
        "transaction",
        "application",
        "demande",
        "claim",
        "share",
        "action",
        "head",
        "tete",
        "animal",
        "animaux",
        "store",
        "magasin",
        "shop",
        "outlet",
        "branch",
        "agence",
        "school",
        "ecole",
        "hospital",
        "hopital",
        "bed",
        "lit",
        "order",
        "commande",
        "startup",
        "start-up",
        "patent",
        "brevet",
        "piece",
        "pcs",
        "overnight stay",
        "nuitee",
    ),
}

# Unit words that are also common English/French words: accepted as a whole unit field but not searched
# for in running text (see unit_at).
_NOT_IN_RUNNING_TEXT = frozenset(
    {
        "count",
        "number",
        "nombre",
        "real",
        "sol",
        "lei",
        "leu",
        "dong",
        "t",
        "l",
        "pt",
        "share",
        "action",
        "order",
        "head",
        "case",
        "cas",
        "vol",
        "lit",
        "mort",
        "poste",
        "client",
        "bus",
        "car",
        "visit",
        "claim",
        "demande",
        "commande",
        "application",
        "sterling",
        # bare CFA names: read as XOF in a unit field, but in running text the article's country decides
        "fcfa",
        "f cfa",
        "franc cfa",
        "cfa franc",
        "f.cfa",
        "rs",
        "rs.",
        "mt",
        "kt",
    }
)

_SCALE_OR_FILLER = re.compile(
    r"^(?:[\d.,'\s+-]+|thousands?|millions?|milliards?|billions?|trillions?|mille|mln|mn|bn|bln|md|mds|mrd|tn|"
    r"k|m|b|de|d'|of|des|du|en|in|about|environ|some|around|plus|more|than|over)$"
)


def normalize_unit(text: str | None, lang: Lang | None = None) -> str | None:
    """Canonical unit code of a surface unit (rules in the module docstring); None if empty or unknown."""
    if not isinstance(text, str):
        return None
    return _normalize_unit(text)


@lru_cache(maxsize=1 << 14)
def _normalize_unit(text: str) -> str | None:
    """normalize_unit of a string, cached: units repeat across claims."""
    s = text.strip()
    if not s:
        return None
    if s in unit_codes():
        return s
    if s.upper() in currency_codes():
        return s.upper()
    glued = _glued_currency(s)
    if glued is not None:
        return glued
    key = _key(s)
    if key in _BASIS_POINTS:
        return None
    table = _table()
    if key in table:
        return table[key]
    per = _PER.search(s)
    if per is not None and per.start() > 0:  # "dollars a barrel", "USD/bbl": the numerator's unit
        numerator = _normalize_unit(s[: per.start()])
        if numerator is not None:
            return numerator
    words = [w for w in re.split(r"(?<=')|\s+", key) if w and not _SCALE_OR_FILLER.match(w)]
    if not words:
        return None
    rest = " ".join(words).replace("' ", "'")
    if rest in table:
        return table[rest]
    if len(words) == 1 and words[0].upper() in currency_codes():  # "million USD", "USD bn"
        return words[0].upper()
    letters = set(re.findall(r"[a-z]+", key))
    if "cfa" in letters or "fcfa" in letters:  # "francs CFA de la CEMAC", "francs CFA (BEAC)"
        return "XAF" if _CENTRAL_AFRICA & letters else "XOF"
    for w in (words[-1], words[0]):
        if w in table:
            return table[w]
    return None


# What joins a unit to the one it is per: "dollars a barrel", "euros le kilo", "yuan per tonne", "$/t".
_PER = re.compile(r"\s*/\s*|\s+(?:a|an|per|par|le|la|the|each|chaque)\s+|\s+l['\u2019]\s*", re.IGNORECASE)

_CENTRAL_AFRICA = frozenset({"central", "centrale", "cemac", "beac", "xaf"})
_GLUED_SCALE = re.compile(r"(?:Mrds?|Mds?|Md|mrds?|mds?|md|k|K|M|G)\s?(?P<cur>FCFA|[A-Z]{3}|\S*[$€£¥₹].*)")


_BASIS_POINTS = frozenset({"basis point", "bp", "point de base", "pb"})


def is_basis_points(text: str) -> bool:
    """True for a basis-point unit (``basis points``, ``bps``, ``points de base``, ``pb``): no unit code holds
    them; a change in basis points is a change in percentage points / 100 (bench.normalize.yoy)."""
    return _key(text.strip()) in _BASIS_POINTS


def _glued_currency(s: str) -> str | None:
    """The currency of a scale prefix glued to a currency symbol or ISO code (``Md€``, ``MEUR``), or None."""
    m = _GLUED_SCALE.fullmatch(s)
    if not m:
        return None
    cur = m.group("cur")
    code = cur if cur in currency_codes() else _table().get(_key(cur))
    return code if code in currency_codes() else None


def unit_at(text: str, pos: int, lang: Lang | None = None) -> tuple[str, int, int] | None:
    """The unit written right after position pos in running text (after optional spaces and a linking
    ``de``/``d'``/``of``): (code, start, end) of the unit words, or None. Words that are also ordinary
    words (``won``, ``real``, ``number``) are not taken here."""
    window = fold(text[pos : pos + _LONGEST_UNIT_PHRASE])  # fold keeps offsets: only the text after pos
    m = _running_unit_regex().match(window)
    if not m:
        return None
    code = _table().get(_key(m.group("u")))
    return (code, pos + m.start("u"), pos + m.end("u")) if code else None


_LONGEST_UNIT_PHRASE = 80


_SYMBOL_BEFORE = re.compile(
    r"(?P<sym>US\$|U\.S\.\s?\$|\$US|HK\$|NT\$|NZ\$|C\$|A\$|S\$|R\$|[$€£¥₹₩₽₺₱₦₫]|(?<![A-Za-z])Rs\.?\s?|"
    r"(?:USD|EUR|GBP|CNY|RMB|JPY|CHF|CAD|AUD|HKD|INR)\s?)\s?$"
)


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A currency symbol or ISO code written right before position pos (``$3bn``, ``US$ 5``, ``EUR 3``):
    (code, start) or None."""
    m = _SYMBOL_BEFORE.search(text, max(0, pos - 8), pos)
    if not m:
        return None
    sym = m.group("sym").strip()
    if sym == "RMB":
        return "CNY", m.start()
    if sym in currency_codes():
        return sym, m.start()
    code = _table().get(_key(sym))
    return (code, m.start()) if code else None


def _key(s: str) -> str:
    """Folded lookup key: lowercase, accent-free, single spaces, a plural s/x removed from each word."""
    words = fold(s).split()
    return " ".join(_singular(w) for w in words)


_NO_PLURAL = frozenset({"bus", "cas", "reais", "pts", "kronor", "pcs", "basis"})


def _singular(w: str) -> str:
    """A final plural s/x dropped (English -ies plurals are listed as names: ``companies``)."""
    if len(w) > 2 and w[-1] in "sx" and not w.endswith("ss") and w not in _NO_PLURAL:
        return w[:-1]
    return w


@cache
def _table() -> dict[str, str]:
    """Lookup key -> code, for every name and for its plural forms (the ones unit_at's regex accepts)."""
    table: dict[str, str] = {}
    for code, names in _NAMES.items():
        for name in names:
            table[_key(name)] = code
    for code, names in _NAMES.items():
        for name in names:
            for plural in _PLURALS:
                table.setdefault(_key(name + plural), code)
    return table


_PLURALS = ("s", "es", "x")


@cache
def _running_unit_regex() -> re.Pattern[str]:
    """One regex over folded text: optional link words, then the longest known unit phrase."""
    alts: list[tuple[int, str]] = []  # (length of the name, its pattern): longest names first
    for code, names in _NAMES.items():
        for name in names:
            if name in _NOT_IN_RUNNING_TEXT:
                continue
            if code == "percent" and name in ("percentage", "pourcentage"):
                continue
            plural = "(?:" + "|".join(_PLURALS) + ")?"
            # every word of a name may take a plural ending ("metres cubes", "kilowatt-hours")
            word = " ".join(
                re.escape(w) + (plural if w[-1].isalpha() and len(w) > 2 else "") for w in name.split(" ")
            )
            alts.append((len(name), word))
    alts.sort(key=lambda a: (-a[0], a[1]))
    return re.compile(
        r"[ ]*(?:(?:de|d'|of|d')[ ]*)?(?P<u>" + "|".join(w for _, w in alts) + r")(?![a-z0-9])",
    )
