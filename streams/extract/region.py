"""The Kafka key of an extracted article: the region of its event.

Order of preference:
1. "<country>-<admin1>" of the event place (most specific first), e.g. "US-IL", "SY-01";
2. when the event place is a whole country: the admin1 of the first other place named in that
   country (a report saying "strikes in Syria" that names Hasakah is a Hasakah report; without
   this it would land on another partition than the reports that name the province);
3. "<country>-<admin1>" of the dateline place;
4. the country code alone of the event place, then of the dateline place ("SY");
5. "unknown".
"""

from __future__ import annotations

from collections.abc import Sequence

from schemas.articles import Place

UNKNOWN = "unknown"


def region_key(places: Sequence[Place]) -> str:
    """The region key of an article with these places (see the module docstring)."""
    event = [p for p in places if p.role == "event"]
    dateline = [p for p in places if p.role == "dateline"]
    for p in event:
        if p.country_code and p.admin1_code:
            return f"{p.country_code}-{p.admin1_code}"
    countries = {p.country_code for p in event if p.country_code}
    for p in places:
        if p.role == "mentioned" and p.country_code in countries and p.admin1_code:
            return f"{p.country_code}-{p.admin1_code}"
    for p in dateline:
        if p.country_code and p.admin1_code:
            return f"{p.country_code}-{p.admin1_code}"
    for group in (event, dateline):
        for p in group:
            if p.country_code:
                return p.country_code
    return UNKNOWN
