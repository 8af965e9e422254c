"""Extraction accuracy on labelled US gun-violence news (the gva-dev layout), and its speed.

`evaluate(dataset_dir)` reads `documents.jsonl` (doc_id, incident_id, dct, title, url, text) and
`incidents.jsonl` (incident_id, date "January 12, 2014", state, city_or_county, num_killed,
num_injured), runs every document through the real clean stage (a RawArticle built as the JSONL
source's `doc` layout builds it) and the real extract stage, and scores five facts against the
incident record: killed, injured (exact), state, city (equal) and event date (within one day).

What one article predicts (`predict`):
- killed / injured: its largest main-incident (non-background) figure of that kind, 0 if none;
- state: the admin1 of its region key when that is a US one ("US-IL" -> "IL"), the place the
  pipeline routes the article by;
- city: its most specific event place that is a locality, city or county (places come most
  specific first); it matches the gold `city_or_county` "X", "X (Y)" (either X or Y: GVA puts the
  neighbourhood or suburb in brackets) or "X (county)" ("X County"); a leading "The" is no part
  of the match (GeoNames' "The Bronx" is GVA's "Bronx");
- event date: its resolved event date.

What one incident predicts (`combine`), mirroring the merge stage so that the per-incident
numbers are what an incident record would say:
- killed / injured: the lower median, over the articles that state a main-incident figure of the
  kind, of each article's largest one (streams/merge/casualties.py); 0 if no article states one;
  an article that names more dead than an earlier one and no injured votes the earlier injured
  figure less the new dead, as the merge stage does (`injured_who_died`);
- state and city: majority vote over the articles that have one. A tie (mostly two reports
  that disagree) goes to the value the incident's articles bear out most: for the state, the
  one more articles' outlets are in, then the one more articles name a place in; for the city,
  one in the chosen state, then a town before a county (the merge stage lists the most specific
  place first), then the one more articles name at all (a big city's outlet names the suburb
  where it happened; the suburb's paper seldom names the city). Remaining ties go to the value
  of the earliest article (published date, then id), as the first report opens the incident;
- event date: the confidence-weighted vote of streams/merge/fold.py (ties to the earlier date).
The incident's articles are all combined: the dedup stage is not run here, so copies vote too.

Incidents none of whose articles has any text (every one a crawl failure) are scored apart: the
pipeline dead-letters such articles, so no incident record exists to be right or wrong, and no
extractor could score on them. "per incident" is over the incidents with at least one readable
article; "all incidents" also counts the text-less ones, as misses on every measure.

Articles the clean stage rejects (EmptyArticle: crawl failures with no text) count as misses
on every measure, per article, and are reported separately; they never vote for an incident.
"""

from __future__ import annotations

import gc
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.articles import CleanArticle, ExtractedArticle, RawArticle
from streams.clean import EmptyArticle, clean_article
from streams.extract import extract_article
from streams.extract.gazetteer import gazetteer
from streams.extract.outlet import outlet_states
from streams.extract.text import name_key
from streams.merge.casualties import injured_who_died
from streams.sources.jsonl import to_raw_article

MEASURES = ("killed", "injured", "state", "city", "date")
SPEED_ROUNDS = 3


@dataclass(frozen=True)
class Prediction:
    """The five facts as one article (or one combined incident) states them."""

    killed: int = 0
    injured: int = 0
    state: str | None = None
    city: str | None = None
    event_date: date | None = None
    date_confidence: float = 0.0
    #: Whether the article stated a main-incident figure of that kind (only those vote).
    has_killed: bool = False
    has_injured: bool = False
    # Evidence for breaking a tied state or city vote (`combine`); not a fact of its own.
    #: Whether `city` is a county (admin2) rather than a town.
    city_is_county: bool = field(default=False, compare=False)
    #: City keys (`city_key`) of every place the article names, whatever its role.
    named: frozenset[str] = field(default=frozenset(), compare=False)
    #: US states of the places the article names.
    named_states: frozenset[str] = field(default=frozenset(), compare=False)
    #: US states its outlet's URL names (extract/outlet.py).
    outlet_states: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class Gold:
    """The labelled incident: what the predictions are scored against."""

    incident_id: str
    event_date: date
    state: str | None  # two-letter code
    cities: frozenset[str]  # name keys that count as the right city or county
    city_label: str
    killed: int
    injured: int


@dataclass
class Scores:
    """Hits per measure out of `total`."""

    total: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))

    def add(self, hit: dict[str, bool]) -> None:
        self.total += 1
        for measure, ok in hit.items():
            self.hits[measure] += ok

    def share(self, measure: str) -> float:
        return self.hits[measure] / self.total if self.total else 0.0


@dataclass
class ExtractionReport:
    """Accuracy per article and per incident, cleaning failures, speed and gazetteer cost."""

    per_article: Scores
    per_incident: Scores  # incidents with at least one readable article
    documents: int
    incidents: int  # incidents with at least one readable article
    empty: int  # articles validation or the clean stage rejected (counted as misses above)
    unlabelled: int  # documents whose incident is not in incidents.jsonl (skipped)
    extract_per_second: float
    speed_articles: int
    speed_rounds: int
    gazetteer_load_seconds: float
    gazetteer_rss_mb: float | None
    #: Per measure, a few (article id, predicted, gold) misses for a person to look at.
    misses: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    #: Incidents all of whose articles were rejected as empty (scored only in `all_incidents`).
    textless_incidents: int = 0
    all_incidents: Scores = field(default_factory=Scores)


# --- gold ------------------------------------------------------------------------------------


def parse_gold(record: dict[str, Any], state_codes: dict[str, str]) -> Gold:
    """A Gold from one incidents.jsonl record; `state_codes` maps state name keys to codes."""
    return Gold(
        incident_id=str(record["incident_id"]),
        event_date=datetime.strptime(record["date"], "%B %d, %Y").date(),
        state=state_codes.get(name_key(record.get("state") or "")),
        cities=city_keys(record.get("city_or_county") or ""),
        city_label=record.get("city_or_county") or "",
        killed=int(record.get("num_killed") or 0),
        injured=int(record.get("num_injured") or 0),
    )


def city_key(name: str) -> str:
    """A town's name key without a leading "the": "The Bronx" and "Bronx" are one borough."""
    key = name_key(name)
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def city_keys(label: str) -> frozenset[str]:
    """City keys a prediction may have to match the gold `city_or_county` label."""
    label = label.strip()
    if "(" not in label:
        return frozenset({city_key(label)} - {""})
    outer, _, inner = label.partition("(")
    outer, inner = outer.strip(), inner.rstrip(") ").strip()
    if inner.lower() == "county":
        # "Wise (county)": the county, however the label already spells it.
        base = outer.removesuffix(" County").removesuffix(" county")
        return frozenset({city_key(f"{base} County")})
    return frozenset({city_key(outer), city_key(inner)} - {""})


# --- one article -----------------------------------------------------------------------------


def predict(extracted: ExtractedArticle) -> Prediction:
    """What one extracted article says about its incident (see the module docstring)."""
    figures: dict[str, list[int]] = {"killed": [], "injured": []}
    for claim in extracted.casualties:
        if not claim.background and claim.kind in figures:
            figures[claim.kind].append(claim.value)
    key = extracted.region_key
    state = key[3:] if key.startswith("US-") else None
    place = next(
        (
            p
            for p in extracted.places
            if p.role == "event" and p.kind in ("locality", "city", "admin2")
        ),
        None,
    )
    ev = extracted.event_date
    return Prediction(
        killed=max(figures["killed"], default=0),
        injured=max(figures["injured"], default=0),
        state=state,
        city=place.name if place else None,
        event_date=ev.date if ev else None,
        date_confidence=ev.confidence if ev else 0.0,
        has_killed=bool(figures["killed"]),
        has_injured=bool(figures["injured"]),
        city_is_county=place is not None and place.kind == "admin2",
        named=frozenset(city_key(p.name) for p in extracted.places),
        named_states=frozenset(
            p.admin1_code for p in extracted.places if p.country_code == "US" and p.admin1_code
        ),
        outlet_states=outlet_states(extracted.article.url),
    )


def score(pred: Prediction | None, gold: Gold) -> dict[str, bool]:
    """Per measure, whether the prediction is right; None (a rejected article) misses all."""
    if pred is None:
        return dict.fromkeys(MEASURES, False)
    return {
        "killed": pred.killed == gold.killed,
        "injured": pred.injured == gold.injured,
        "state": pred.state is not None and pred.state == gold.state,
        "city": pred.city is not None and city_key(pred.city) in gold.cities,
        "date": pred.event_date is not None and abs((pred.event_date - gold.event_date).days) <= 1,
    }


# --- one incident ----------------------------------------------------------------------------


def lower_median(values: Sequence[int]) -> int:
    """The lower median (the merge stage's consensus): one outlier report cannot move it."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def majority(
    values: Iterable[str | None], tie_break: Callable[[str], Any] | None = None
) -> str | None:
    """The most frequent non-empty value; ties go to the greatest `tie_break` (when given),
    then to the one seen first."""
    counts: Counter[str] = Counter(v for v in values if v)
    if not counts:
        return None
    if tie_break is None:
        return max(counts, key=lambda v: counts[v])  # Counter keeps first-seen order on ties
    return max(counts, key=lambda v: (counts[v], tie_break(v)))


def vote_date(preds: Sequence[Prediction]) -> date | None:
    """Confidence-weighted date vote, ties to the earlier date (streams/merge/fold.py)."""
    votes: dict[date, float] = {}
    for p in preds:
        if p.event_date is not None:
            votes[p.event_date] = votes.get(p.event_date, 0.0) + max(p.date_confidence, 0.05)
    if not votes:
        return None
    return min(votes, key=lambda d: (-votes[d], d))


def combine(preds: Sequence[Prediction]) -> Prediction | None:
    """One incident's prediction from its articles' ones, in published order (docstring)."""
    if not preds:
        return None
    killed = [p.killed for p in preds if p.has_killed]
    stated = {n: p.injured for n, p in enumerate(preds) if p.has_injured}
    said_killed = {n: p.killed for n, p in enumerate(preds) if p.has_killed}
    died = injured_who_died(said_killed, stated, range(len(preds)))
    injured = [*stated.values(), *died.values()]
    state = majority(
        (p.state for p in preds),
        lambda s: (
            sum(s in p.outlet_states for p in preds),
            sum(s in p.named_states for p in preds),
        ),
    )
    city_of = {city_key(p.city): p for p in reversed(preds) if p.city}  # the first report's
    city = majority(
        (city_key(p.city) if p.city else None for p in preds),
        lambda c: (
            any(p.state == state for p in preds if p.city and city_key(p.city) == c),
            not city_of[c].city_is_county,
            sum(c in p.named for p in preds),
        ),
    )
    ev = vote_date(preds)
    return Prediction(
        killed=lower_median(killed) if killed else 0,
        injured=lower_median(injured) if injured else 0,
        state=state,
        city=city,
        event_date=ev,
        date_confidence=1.0 if ev else 0.0,
        has_killed=bool(killed),
        has_injured=bool(injured),
    )


# --- the run ---------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as handle:
        return [orjson.loads(line) for line in handle if line.strip()]


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None  # not Linux: memory is not reported
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _load_gazetteer() -> tuple[float, float | None]:
    """Seconds and resident memory (MB) of a fresh gazetteer load."""
    gazetteer.cache_clear()
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    gazetteer()
    seconds = time.perf_counter() - start
    after = _rss_mb()
    return seconds, (after - before) if before is not None and after is not None else None


def _speed(articles: Sequence[CleanArticle], rounds: int) -> float:
    """extract_article articles/s over `articles`, best of `rounds` passes (gazetteer warm)."""
    if not articles:
        return 0.0
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for a in articles:
            extract_article(a)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best if best > 0 else 0.0


def evaluate(
    dataset_dir: Path,
    limit: int | None = None,
    speed_rounds: int = SPEED_ROUNDS,
    misses_kept: int = 20,
    misses_file: Path | None = None,
) -> ExtractionReport:
    """Score clean + extract on the dataset's first `limit` documents (all when None).

    With `misses_file`, every incident that misses a measure is written there as one JSON line
    (see `miss_record`), its articles' own predictions included, for grouping misses by cause.
    """
    load_seconds, load_mb = _load_gazetteer()
    gaz = gazetteer()
    state_codes = {name_key(name): code for code, (name, _) in gaz.states.items()}
    golds = {
        g.incident_id: g
        for g in (parse_gold(r, state_codes) for r in _read_jsonl(dataset_dir / "incidents.jsonl"))
    }
    docs = _read_jsonl(dataset_dir / "documents.jsonl")
    if limit is not None:
        docs = docs[:limit]
    labelled = [d for d in docs if str(d.get("incident_id")) in golds]

    cleaned: list[tuple[dict[str, Any], CleanArticle | None]] = []
    for doc in labelled:
        # Through JSON as on the wire, so the worker's validation applies unchanged.
        payload = orjson.dumps(to_raw_article(dict(doc), {}))
        try:
            cleaned.append((doc, clean_article(RawArticle.model_validate_json(payload))))
        except (EmptyArticle, ValidationError):
            cleaned.append((doc, None))  # the worker would dead-letter it

    per_article = Scores()
    misses: dict[str, list[tuple[str, str, str]]] = {m: [] for m in MEASURES}
    by_incident: dict[str, list[tuple[str, str, Prediction]]] = {}
    for doc, clean in cleaned:
        gold = golds[str(doc["incident_id"])]
        pred = predict(extract_article(clean)) if clean is not None else None
        hit = score(pred, gold)
        per_article.add(hit)
        for measure, ok in hit.items():
            if not ok and len(misses[measure]) < misses_kept:
                misses[measure].append(
                    (str(doc["doc_id"]), _shown(pred, measure), _shown_gold(gold, measure))
                )
        by_incident.setdefault(gold.incident_id, [])
        if pred is not None:
            by_incident[gold.incident_id].append((str(doc.get("dct") or ""), doc["doc_id"], pred))

    per_incident = Scores()
    all_incidents = Scores()
    textless = 0
    missed: list[bytes] = []
    for incident_id, reports in by_incident.items():
        reports.sort(key=lambda r: (r[0], r[1]))
        combined = combine([p for _, _, p in reports])
        hit = score(combined, golds[incident_id])
        all_incidents.add(hit)
        if reports:
            per_incident.add(hit)
        else:
            textless += 1
        if misses_file is not None and not all(hit.values()):
            record = miss_record(golds[incident_id], hit, combined, reports)
            missed.append(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
    if misses_file is not None:
        misses_file.write_bytes(b"".join(missed))

    good = [c for _, c in cleaned if c is not None]
    return ExtractionReport(
        per_article=per_article,
        per_incident=per_incident,
        documents=len(cleaned),
        incidents=len(by_incident) - textless,
        empty=len(cleaned) - len(good),
        unlabelled=len(docs) - len(labelled),
        extract_per_second=_speed(good, speed_rounds),
        speed_articles=len(good),
        speed_rounds=speed_rounds,
        gazetteer_load_seconds=load_seconds,
        gazetteer_rss_mb=load_mb,
        misses=misses,
        textless_incidents=textless,
        all_incidents=all_incidents,
    )


def miss_record(
    gold: Gold,
    hit: dict[str, bool],
    combined: Prediction | None,
    reports: Sequence[tuple[str, str, Prediction]],
) -> dict[str, Any]:
    """One incident that misses some measure: gold, the combined prediction, each article's."""
    return {
        "incident_id": gold.incident_id,
        "missed": [m for m in MEASURES if not hit[m]],
        "gold": {m: _shown_gold(gold, m) for m in MEASURES},
        "predicted": {m: _shown(combined, m) for m in MEASURES},
        "articles": [
            {"doc_id": str(doc_id), "dct": dct, **{m: _shown(p, m) for m in MEASURES}}
            for dct, doc_id, p in reports
        ],
    }


def _shown(pred: Prediction | None, measure: str) -> str:
    if pred is None:
        return "(no text)"
    value = {
        "killed": pred.killed,
        "injured": pred.injured,
        "state": pred.state,
        "city": pred.city,
        "date": pred.event_date,
    }[measure]
    return str(value)


def _shown_gold(gold: Gold, measure: str) -> str:
    value = {
        "killed": gold.killed,
        "injured": gold.injured,
        "state": gold.state,
        "city": gold.city_label,
        "date": gold.event_date,
    }[measure]
    return str(value)


def format_report(report: ExtractionReport, show_misses: int = 0) -> str:
    """A readable table of the report; `show_misses` examples per measure when asked."""
    lines = [
        f"extraction on {report.documents} articles ({report.empty} rejected by clean as empty,"
        f" counted as misses; {report.unlabelled} without a gold incident skipped),"
        f" {report.incidents} incidents with text ({report.textless_incidents} more with none:"
        f" 'all incidents' counts them as misses)",
        "",
        f"{'measure':<10}{'per article':>14}{'per incident':>15}{'all incidents':>16}",
    ]
    labels = {
        "killed": "killed",
        "injured": "injured",
        "state": "state",
        "city": "city",
        "date": "date ±1d",
    }
    for measure in MEASURES:
        lines.append(
            f"{labels[measure]:<10}{report.per_article.share(measure):>14.3f}"
            f"{report.per_incident.share(measure):>15.3f}"
            f"{report.all_incidents.share(measure):>16.3f}"
        )
    memory = (
        f", {report.gazetteer_rss_mb:.0f} MB resident"
        if report.gazetteer_rss_mb is not None
        else ""
    )
    lines += [
        "",
        f"extract_article: {report.extract_per_second:,.0f} articles/s (best of "
        f"{report.speed_rounds} passes over {report.speed_articles} articles, gazetteer warm)",
        f"gazetteer load: {report.gazetteer_load_seconds:.2f} s{memory}",
    ]
    if show_misses:
        for measure in MEASURES:
            examples = report.misses.get(measure, [])[:show_misses]
            if examples:
                lines += ["", f"misses: {labels[measure]} (article, predicted, gold)"]
                lines += [f"  {a}  {p!s:<24} {g}" for a, p, g in examples]
    return "\n".join(lines)
