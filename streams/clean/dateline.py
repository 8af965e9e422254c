"""Split a leading dateline ("BEIRUT, SYRIA:", "WASHINGTON (Reuters) -") off the first paragraph."""

from __future__ import annotations

import re

_PLACE_WORD = r"[A-Z][A-Z'’.\-]+"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}})"
    # ", Kurdistan Region", ", SYRIA", ", Wash.", ", May 2": short, capitalised.
    r"(?:,\s*(?P<region>[A-Z][\w'’.\-]*(?:\s+[\w'’.\-]+){0,3}?))?"
    r"(?:\s*\((?P<agency>[^()]{2,40})\))?"
    r"(?P<sep>\s+(?:--|[–—-])\s+|\s+(?:--|[–—-])$|\s*:\s+|\s*(?:--|[–—])\s*)"
    r"(?=[A-Z0-9\"“‘'(]|$)"
)
# All-caps openings that are labels or acronyms, not places.
_NOT_PLACES = frozenset(
    [
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "NEWS",
        "WATCH",
        "VIDEO",
        "PHOTOS",
        "PHOTO",
        "GRAPHIC",
        "PICTURES",
        "EXCLUSIVE",
        "ALERT",
        "NOTE",
        "EDITOR'S",
        "EDITOR’S",
        "WARNING",
        "ISIS",
        "NATO",
        "FBI",
        "CIA",
        "UN",
        "EU",
        "SDF",
        "YPG",
        "PKK",
        "US",
        "UK",
        "USA",
        "AP",
        "AFP",
        "ICYMI",
        "FILE",
        "OPINION",
        "ANALYSIS",
        "LIVE",
        "READ",
        "RELATED",
        "ALSO",
        "MORE",
    ]
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Return (dateline, rest of the paragraph); (None, paragraph) when it has no dateline.

    The place must be in capitals, as wire style writes datelines; a colon only separates a
    dateline that also names a region or agency ("BEIRUT, SYRIA:"), since "WARNING: ..." or
    "UPDATE: ..." also open with capitals and a colon.
    """
    m = _DATELINE.match(paragraph)
    if m is None:
        return None, paragraph
    place, region, agency, sep = m.group("place", "region", "agency", "sep")
    if any(word in _NOT_PLACES for word in place.split()):
        return None, paragraph
    if ":" in sep and not (region or agency):
        return None, paragraph
    if not (region or agency) and len(place.replace(" ", "")) < 4:
        return None, paragraph
    dateline = paragraph[: m.end("sep") - len(sep)].strip()
    return dateline, paragraph[m.end() :].strip()
