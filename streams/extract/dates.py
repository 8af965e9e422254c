"""Resolve when the reported event happened, relative to the article's publication date.

Handles weekday names ("on Tuesday" -> the latest Tuesday on or before publication),
"Tuesday (May 1)", "Sunday's attack", "yesterday", "last night", "this morning", explicit dates
with or without year ("May 1", "May 1, 2018", "1 May"), US numeric dates and "last month".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from schemas.articles import EventDate
from streams.extract.text import Sentence, lower_word_set

DEFAULT_CONFIDENCE = 0.3
FALLBACK_CONFIDENCE = 0.4

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "weekday_date",
        re.compile(
            rf"\b{_WEEKDAY}(?:'s)?,?\s*\(?(?:{_MONTH}\s+{_DAY}"
            rf"|(?P<day2>[0-3]?\d)\s+{_MONTH.replace('mon', 'mon2')}){_YEAR}\)?"
        ),
    ),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}")),
    ("numeric", re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|last night|overnight|this morning|this afternoon|this evening"
            r"|earlier today|today|tonight|early this morning|last month|last week)\b",
            re.IGNORECASE,
        ),
    ),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?{_WEEKDAY}(?:'s)?\b")),
]

_RELATIVE_DAYS = {
    "yesterday": 1,
    "last night": 1,
    "overnight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "today": 0,
    "tonight": 0,
    "early this morning": 0,
}


@dataclass(frozen=True, slots=True)
class DateHit:
    """One resolved date expression in one sentence."""

    date: date
    expression: str
    sentence: int
    start: int
    confidence: float


def _month_day(mon: str, day: int, year: str | None, published: date) -> tuple[date, float] | None:
    month = _MONTHS.get(mon.lower().rstrip("."))
    if month is None or not 1 <= day <= 31:
        return None
    try:
        if year:
            return date(int(year), month, day), 0.95
        d = date(published.year, month, day)
    except ValueError:
        return None
    # No year: news reports the past, so a date after publication belongs to the year before.
    if d > published + timedelta(days=1):
        try:
            d = date(published.year - 1, month, day)
        except ValueError:
            return None
    return d, 0.9


def _weekday_before(published: date, weekday: int, strictly: bool) -> date:
    delta = (published.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


# Every pattern above needs a digit (the numeric and month/day forms) or one of these words as a
# whole run of letters (weekdays, relative days): most sentences have neither and skip the six
# scans. Keep in step with _PATTERNS (`test_date_words_cover_patterns` checks the relative ones).
_DATE_WORDS = frozenset(
    [*_WEEKDAYS, "yesterday", "night", "overnight", "morning", "afternoon", "evening"]
    + ["today", "tonight", "month", "week"]
)
_DIGIT = re.compile(r"\d")


def may_have_date(text: str) -> bool:
    """False only when no pattern of `find_dates` can match text."""
    if not text.isascii() or _DIGIT.search(text):
        return True  # (case folding beyond A-Z: let the patterns decide)
    return not _DATE_WORDS.isdisjoint(lower_word_set(text))


# What each pattern cannot match without (they are case-sensitive but for "relative"): a
# capitalised weekday or month name as written in `_WEEKDAY` / `_MONTH`, a digit, a slash, or
# (relative) its first word as a whole run of letters. A sentence that passes `may_have_date`
# still has most of them missing: skipping those scans took `find_dates` over every gva-dev
# sentence from 740 to 415 ms (it is asked of the event and figure sentences).
_WEEKDAY_NAMES = tuple(name.capitalize() for name in _WEEKDAYS)
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RELATIVE_FIRST = frozenset(
    ["yesterday", "last", "overnight", "this", "earlier", "today", "tonight", "early"]
)


def _possible_kinds(text: str) -> set[str]:
    """The kinds of `_PATTERNS` that may match text (the others surely do not)."""
    kinds: set[str] = set()
    weekday = any(name in text for name in _WEEKDAY_NAMES)
    if weekday:
        kinds.add("weekday")
    if _DIGIT.search(text):
        if any(stem in text for stem in _MONTH_STEMS):
            kinds.update(("month_day", "day_month"))
            if weekday:
                kinds.add("weekday_date")
        if "/" in text:
            kinds.add("numeric")
    if not text.isascii() or not _RELATIVE_FIRST.isdisjoint(lower_word_set(text)):
        kinds.add("relative")
    return kinds


def find_dates(sentence: Sentence, published: date) -> list[DateHit]:
    """Every date expression in a sentence, resolved; overlapping matches keep the first pattern."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    text = sentence.text
    if not may_have_date(text):
        return hits
    possible = _possible_kinds(text)
    for kind, pattern in _PATTERNS:
        if kind not in possible:
            continue
        for m in pattern.finditer(text):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            hits.append(DateHit(resolved[0], m.group(0), sentence.index, m.start(), resolved[1]))
    hits.sort(key=lambda h: h.start)
    return hits


def _resolve(kind: str, m: re.Match[str], published: date) -> tuple[date, float] | None:
    g = m.groupdict()
    if kind == "weekday_date":
        if g.get("mon"):
            return _month_day(g["mon"], int(g["day"]), g.get("year"), published)
        return _month_day(g["mon2"], int(g["day2"]), g.get("year"), published)
    if kind in ("month_day", "day_month"):
        if kind == "month_day" and g["mon"].lower() == "may" and not m.group(0)[0].isupper():
            return None
        return _month_day(g["mon"], int(g["day"]), g.get("year"), published)
    if kind == "numeric":
        year = int(g["y"])
        if year < 100:
            year += 2000
        try:
            return date(year, int(g["m"]), int(g["d"])), 0.85
        except ValueError:
            return None
    if kind == "relative":
        rel = g["rel"].lower()
        if rel == "last month":
            first = published.replace(day=1)
            return (first - timedelta(days=1)).replace(day=15), 0.2
        if rel == "last week":
            return published - timedelta(days=7), 0.2
        return published - timedelta(days=_RELATIVE_DAYS[rel]), 0.8
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"].lower()]
        return _weekday_before(published, wd, strictly=bool(g.get("last"))), 0.8
    return None


def event_date(
    sentences: Sequence[Sentence],
    event_sentences: Sequence[int],
    published: date,
    strong: Sequence[int] = (),
) -> EventDate:
    """The event date: first plausible date in the event sentences, then in the lead.

    A date more than a year before publication or after it is not the event of a news report;
    such hits are skipped. Falls back to the publication date with low confidence.
    """
    by_index = {s.index: s for s in sentences}
    order: list[int] = []
    for i in event_sentences:
        if i in by_index and i not in order:
            order.append(i)
    lead = [s.index for s in sentences[:4]]
    for i in lead:
        if i not in order:
            order.append(i)
    for rank, i in enumerate(order):
        for hit in find_dates(by_index[i], published):
            if not published - timedelta(days=366) <= hit.date <= published + timedelta(days=1):
                continue
            if hit.confidence < 0.5 and rank > 0:
                continue
            # A date next to the figures is surer than one next to a mere event word.
            confidence = hit.confidence if i in strong else round(hit.confidence * 0.75, 2)
            return EventDate(
                date=hit.date,
                expression=hit.expression,
                sentence=by_index[i].text,
                confidence=confidence,
            )
    # Last resort: the first weekday or relative day anywhere, if it is within the past week.
    for sent in sentences:
        for hit in find_dates(sent, published):
            if 0 <= (published - hit.date).days <= 7 and hit.confidence >= 0.8:
                return EventDate(
                    date=hit.date,
                    expression=hit.expression,
                    sentence=sent.text,
                    confidence=FALLBACK_CONFIDENCE,
                )
    return EventDate(
        date=published, expression="published_at", sentence="", confidence=DEFAULT_CONFIDENCE
    )
