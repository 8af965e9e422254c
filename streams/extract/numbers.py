"""Parse number expressions in English news text: digits, number words and dozens.

Used by the casualty extractor; knows nothing about casualties itself.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "both": 2,
    "pair": 2,
    "couple": 2,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand)"
)
#: A cardinal as written in news: "23", "6,259", "twenty-three", "two dozen", "a dozen".
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+"
    rf"|(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|half a)\s+)?dozens?"
    rf"|{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*)"
)
NUMBER_RE = re.compile(rf"\b{NUMBER_PATTERN}\b", re.IGNORECASE)

#: Qualifier words before a figure and the schema qualifier they map to.
QUALIFIERS: dict[str, str] = {
    "at least": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "up to": "up_to",
    "as many as": "up_to",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "close to": "about",
    "just over": "more_than",
    "at most": "up_to",
}
QUALIFIER_PATTERN = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))


def parse_number(text: str) -> int | None:
    """Value of a number expression matched by NUMBER_PATTERN, or None if it is not one."""
    t = text.strip().lower().replace("-", " ")
    if not t:
        return None
    if t[0].isdigit():
        try:
            return int(t.replace(",", ""))
        except ValueError:
            return None
    if t.endswith("dozen") or t.endswith("dozens"):
        head = t.rsplit(" ", 1)[0] if " " in t else "a"
        if t.endswith("dozens") and head in ("dozens", "a"):
            # Bare "dozens": at least two dozen is the only safe reading.
            return 24
        if head == "half a":
            return 6
        mult = _UNITS.get(head, 2 if head == "several" else None)
        return None if mult is None else mult * 12
    total = 0
    current = 0
    seen = False
    for word in t.split():
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None
