"""Typed, frozen records of the data model. The JSON Schemas in schemas/ are the source of truth for
the on-disk formats; these classes are their in-memory form, built only from validated data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")
Qualifier = Literal["exact", "approx", "lower_bound", "upper_bound", "range"]
SourceKind = Literal["published", "authored"]
# The five scored fields, in reporting order.
FIELDS: tuple[str, ...] = ("metric", "value", "unit", "period", "yoy_change")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Source:
    publisher: str
    url: str | None
    kind: SourceKind
    translated_from: Lang | None

    def to_json(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "url": self.url,
            "kind": self.kind,
            "translated_from": self.translated_from,
        }


@dataclass(frozen=True)
class Alternative:
    """A restatement of the same quantity in the same place (a conversion, a share of a total)."""

    value: float
    unit: str
    value_high: float | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "unit": self.unit}
        if self.value_high is not None:
            d["value_high"] = self.value_high
        return d


@dataclass(frozen=True)
class Distractor:
    """A number in the text that is deliberately not a claim (a date, an age, an identifier...)."""

    kind: str
    evidence: Evidence
    note: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    claim_id: str
    align_id: str
    metric: str
    value: float | None
    unit: str | None
    period: str | None
    yoy_change: float | None
    yoy_unit: str | None
    qualifier: Qualifier
    evidence: Evidence
    tags: tuple[str, ...] = ()
    metric_aliases: tuple[str, ...] = ()
    value_high: float | None = None
    alternatives: tuple[Alternative, ...] = ()
    note: str | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> GoldClaim:
        get = d.get  # positional arguments and local lookups: this runs once per gold claim
        ev = d["evidence"]
        alternatives = get("alternatives")
        return cls(
            d["claim_id"],
            d["align_id"],
            d["metric"],
            _num(get("value")),
            get("unit"),
            get("period"),
            _num(get("yoy_change")),
            get("yoy_unit"),
            get("qualifier", "exact"),
            Evidence(int(ev["start"]), int(ev["end"]), str(ev["text"])),
            tuple(get("tags", ())),
            tuple(get("metric_aliases", ())),
            _num(get("value_high")),
            tuple(Alternative(float(a["value"]), a["unit"], _num(a.get("value_high"))) for a in alternatives)
            if alternatives
            else (),
            get("note"),
        )

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "claim_id": self.claim_id,
            "align_id": self.align_id,
            "metric": self.metric,
            "metric_aliases": list(self.metric_aliases),
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "period": self.period,
            "yoy_change": self.yoy_change,
            "yoy_unit": self.yoy_unit,
            "qualifier": self.qualifier,
            "alternatives": [a.to_json() for a in self.alternatives],
            "evidence": self.evidence.to_json(),
            "tags": list(self.tags),
        }
        if self.note is not None:
            d["note"] = self.note
        return d


@dataclass(frozen=True)
class InputDocument:
    """A document as a runner receives it: text and metadata, never the gold claims."""

    doc_id: str
    pair_id: str
    lang: Lang
    title: str
    text: str
    published: str

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "pair_id": self.pair_id,
            "lang": self.lang,
            "title": self.title,
            "text": self.text,
            "published": self.published,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> InputDocument:
        return cls(d["doc_id"], d["pair_id"], cast(Lang, d["lang"]), d["title"], d["text"], d["published"])


@dataclass(frozen=True)
class Document:
    doc_id: str
    pair_id: str
    lang: Lang
    split: str
    title: str
    text: str
    published: str
    source: Source
    license: str
    claims: tuple[GoldClaim, ...]
    distractors: tuple[Distractor, ...] = ()
    schema_version: str = "1.0.0"

    @property
    def subset(self) -> str:
        """news for published newswire, challenge for texts authored for claimbench."""
        return "news" if self.source.kind == "published" else "challenge"

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Document:
        s = d["source"]
        return cls(
            doc_id=d["doc_id"],
            pair_id=d["pair_id"],
            lang=cast(Lang, d["lang"]),
            split=d["split"],
            title=d["title"],
            text=d["text"],
            published=d["published"],
            source=Source(s["publisher"], s.get("url"), s["kind"], s.get("translated_from")),
            license=d["license"],
            claims=tuple(GoldClaim.from_json(c) for c in d["claims"]),
            distractors=tuple(
                Distractor(x["kind"], Evidence.from_json(x["evidence"]), x.get("note"))
                for x in d.get("distractors", ())
            ),
            schema_version=d["schema_version"],
        )

    def input(self) -> InputDocument:
        """What a runner sees: the document without its gold."""
        return InputDocument(self.doc_id, self.pair_id, self.lang, self.title, self.text, self.published)

    def input_json(self) -> dict[str, Any]:
        return self.input().to_json()

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema_version": self.schema_version,
            "doc_id": self.doc_id,
            "pair_id": self.pair_id,
            "lang": self.lang,
            "split": self.split,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "source": self.source.to_json(),
            "license": self.license,
            "claims": [c.to_json() for c in self.claims],
        }
        if self.distractors:
            d["distractors"] = [
                {"kind": x.kind, "evidence": x.evidence.to_json(), **({"note": x.note} if x.note else {})}
                for x in self.distractors
            ]
        return d


@dataclass(frozen=True)
class PredictedClaim:
    """A runner's claim, lenient: numbers may be strings as written, unit and period surface text."""

    metric: str | None = None
    value: float | str | None = None
    value_high: float | str | None = None
    unit: str | None = None
    period: str | None = None
    yoy_change: float | str | None = None
    yoy_unit: str | None = None
    qualifier: str | None = None
    evidence: Evidence | None = None
    align_id: str | None = None
    claim_id: str | None = None
    confidence: float | None = None

    @classmethod
    def from_gold(cls, c: GoldClaim) -> PredictedClaim:
        """A prediction restating a gold claim exactly: its scored fields, qualifier and evidence."""
        return cls(
            metric=c.metric,
            value=c.value,
            value_high=c.value_high,
            unit=c.unit,
            period=c.period,
            yoy_change=c.yoy_change,
            yoy_unit=c.yoy_unit,
            qualifier=c.qualifier,
            evidence=c.evidence,
        )

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PredictedClaim:
        get = d.get  # positional arguments and local lookups: this runs once per predicted claim
        ev = get("evidence")
        evidence = None
        if isinstance(ev, Mapping) and "start" in ev and "end" in ev:
            evidence = Evidence(int(ev["start"]), int(ev["end"]), str(ev.get("text", "")))
        return cls(
            get("metric"),
            get("value"),
            get("value_high"),
            get("unit"),
            get("period"),
            get("yoy_change"),
            get("yoy_unit"),
            get("qualifier"),
            evidence,
            get("align_id"),
            get("claim_id"),
            get("confidence"),
        )

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in ("claim_id", "align_id", "metric", "value", "value_high", "unit", "period"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        for name in ("yoy_change", "yoy_unit", "qualifier", "confidence"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        if self.evidence is not None:
            d["evidence"] = self.evidence.to_json()
        return d


@dataclass(frozen=True)
class Prediction:
    """One line of a predictions file: a runner's output for one document."""

    doc_id: str
    claims: tuple[PredictedClaim, ...] = ()
    error: str | None = None
    doc_hash: str | None = None
    latency_s: float | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Prediction:
        return cls(
            doc_id=d["doc_id"],
            claims=tuple(PredictedClaim.from_json(c) for c in d.get("claims", ())),
            error=d.get("error"),
            doc_hash=d.get("doc_hash"),
            latency_s=d.get("latency_s"),
        )

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"doc_id": self.doc_id, "claims": [c.to_json() for c in self.claims]}
        d["error"] = self.error
        if self.doc_hash is not None:
            d["doc_hash"] = self.doc_hash
        if self.latency_s is not None:
            d["latency_s"] = self.latency_s
        return d


def _num(x: Any) -> float | None:
    return None if x is None else float(x)
