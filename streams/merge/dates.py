"""Calendar dates a report writes out ("the May 3 shooting", "on March 1, 2014").

Follow-ups (arrests, charges, trials, funerals) name the day of the shooting they go back to;
their own extracted event date is often the arrest's or the hearing's. The merge compares an
incident's event date with these (streams/merge/archive.py `recall`, match.py `evidence`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

#: A written date: "March 1", "Sept. 12th", "May 3, 2014" (capitalised: "may" is a verb).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_WRITTEN_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s(\d{1,2})(?:st|nd|rd|th)?"
    r"\b(?!:)(?:,?\s(\d{4})\b)?"
)


def mentioned_dates(texts: Iterable[str], published: date) -> set[date]:
    """The calendar dates the texts write out ("March 1", "Sept. 12, 2014"); a date without a
    year is the last such day on or before `published` (a report looks back)."""
    found = set()
    for text in texts:
        for month_name, day_text, year_text in _WRITTEN_DATE.findall(text):
            month, day = _MONTHS[month_name], int(day_text)
            year = int(year_text) if year_text else published.year
            try:
                when = date(year, month, day)
                if not year_text and when > published:
                    when = date(year - 1, month, day)
            except ValueError:
                continue  # "Feb. 30", "March 45": not a date
            found.add(when)
    return found
