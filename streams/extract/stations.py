"""Which side of the Mississippi a US broadcaster is on, from its call sign.

US radio and TV call signs start with K west of the Mississippi and W east of it ("KDKA",
"WKRN", "KTVB"). A local station's report names its town without the state ("shot in
Antioch"), so the side tips a name shared across the river (Antioch, Calif. or Tenn.; Lincoln,
Neb. or Del.) the way the outlet's state does, more weakly. The sign is read where a station
puts it: the outlet's host name ("wsmv.com", "kcci.com", "wdbj7.com"), a dateline's brackets
("NASHVILLE (WKRN) -") and the outlet part of the title ("- WSMV Channel 4"). Signs that
disagree say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from streams.extract.outlet import outlet_host


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (easier to read and keep than a list)."""
    return frozenset(text.split())


#: Minnesota and Louisiana lie on both banks: both sides hold them.
WEST_STATES = _words("AK AZ AR CA CO HI ID IA KS LA MN MO MT NE NV NM ND OK OR SD TX UT WA WY")
EAST_STATES = _words(
    "AL CT DE DC FL GA IL IN KY LA ME MD MA MI MN MS NH NJ NY NC OH PA RI SC TN VT VA WV WI"
)
# Stations licensed before the rule keep letters of the other side ("KDKA", Pittsburgh;
# "WFAA", Dallas): their sign says nothing about the side.
_OLD_SIGNS = _words(
    "KDKA KYW KQV WFAA WBAP WOAI WKY WDAF WHO WOI WOC WDAY WOW WIBW WNAX WTAW WCCO WACO"
)
# The host's first label ("www." and "m." dropped) is the sign, maybe with "tv" or a channel.
_HOST = re.compile(r"([kw][a-z]{2,3})(?:-?tv|-?dt)?\d{0,2}\.[a-z]")
_HOST_PREFIX = re.compile(r"^(?:www\d?|m)\.")
_BRACKETED = re.compile(r"\(([KW][A-Z]{2,3})(?:-(?:TV|DT|AM|FM))?\)")
_IN_TITLE = re.compile(r"\b([KW][A-Z]{2,3})(?:-(?:TV|DT))?\b")


def _side(sign: str) -> str | None:
    sign = sign.upper()
    return None if sign in _OLD_SIGNS else sign[0]


def station_states(url: str | None, site: str | None, paragraphs: Sequence[str]) -> frozenset[str]:
    """The states on the station's side of the Mississippi (empty: no station, or signs of
    both sides). `site`: the outlet part of the title; the first paragraphs hold a dateline."""
    sides: set[str | None] = set()
    host = _HOST.match(_HOST_PREFIX.sub("", outlet_host(url)))
    if host is not None:
        sides.add(_side(host.group(1)))
    if site:
        sides.update(_side(m.group(1)) for m in _IN_TITLE.finditer(site))
    for paragraph in paragraphs[:3]:
        if "(" in paragraph:
            sides.update(_side(m.group(1)) for m in _BRACKETED.finditer(paragraph[:200]))
    sides.discard(None)
    if sides == {"K"}:
        return WEST_STATES
    if sides == {"W"}:
        return EAST_STATES
    return frozenset()
