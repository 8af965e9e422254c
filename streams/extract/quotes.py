"""Direct quotes with their speaker and reporting verb.

Patterns: `"...," X said.` / `"...," said X.` / `X said: "..."` / `X told reporters "..."`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.articles import Quote
from streams.extract.text import Sentence

_VERB = r"(?P<verb>said|says|told|added|stated|explained|wrote|warned|asked|announced|declared)"
_SPEAKER = (
    r"(?P<speaker>(?:[Tt]he\s+)?(?:[A-Z][\w.'-]*\s+){0,5}[A-Z][\w'-]*|he|she|they|police"
    r"|officials|authorities)"
)
_QUOTE = r"\"(?P<text>[^\"]{3,600}?)[,.]?\""
_AFTER_SPEAKER_VERB = re.compile(rf"{_QUOTE},?\s*{_SPEAKER},?\s+(?:[\w\s,-]{{0,60}}?)?{_VERB}\b")
_AFTER_VERB_SPEAKER = re.compile(
    rf"{_QUOTE},?\s*{_VERB}\s+(?:[a-z]+\s+){{0,4}}?(?P<speaker>(?:[A-Z][\w.'-]*\s+){{0,6}}"
    r"[A-Z][\w'-]*)"
)
_BEFORE = re.compile(
    rf"{_SPEAKER},?\s+(?:[\w\s,-]{{0,40}}?)?{_VERB}(?:\s+[a-z]+){{0,3}}[,:]?\s*{_QUOTE}"
)

# _BEFORE starts with the speaker, so `re` tries it at every capital letter of the body (slow);
# every match holds a reporting verb soon followed by an opening quote, which this cheap
# pattern finds: where it finds none, _BEFORE has no match either.
_VERB_THEN_QUOTE = re.compile(_VERB.replace("?P<verb>", "?:") + r"(?:\s+[a-z]+){0,3}[,:]?\s*\"")


def _clean_speaker(s: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", s.strip().rstrip(",."))


def extract_quotes(sentences: Sequence[Sentence], text: str | None = None) -> list[Quote]:
    """Quotes in reading order; a quote is reported once even if the page repeats it."""
    body = text if text is not None else " ".join(s.text for s in sentences if not s.is_title)
    out: list[Quote] = []
    seen: set[str] = set()
    found: list[tuple[int, Quote]] = []
    if body.count('"') < 2:
        return out  # every pattern quotes something between two double quotes
    patterns = [_AFTER_VERB_SPEAKER, _AFTER_SPEAKER_VERB]
    if _VERB_THEN_QUOTE.search(body):
        patterns.append(_BEFORE)
    for rx in patterns:
        for m in rx.finditer(body):
            quote_text = m.group("text").strip().rstrip(",")
            key = quote_text.lower()
            if key in seen or len(quote_text.split()) < 2:
                continue
            seen.add(key)
            speaker = _clean_speaker(m.group("speaker"))
            found.append((m.start(), Quote(speaker=speaker, text=quote_text, verb=m.group("verb"))))
    found.sort(key=lambda x: x[0])
    out.extend(q for _, q in found)
    return out
