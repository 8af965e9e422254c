"""Direct quotes with their speaker and reporting verb.

Patterns: `"...," X said.` / `"...," said X.` / `X said: "..."` / `X told reporters "..."`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

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
_DOUBLE_QUOTE = re.compile('"')
_SPACE_RUN = re.compile(r"\s+")
# The verb of a _VERB_THEN_QUOTE match and the words after it are all of these characters.
_NOT_VERB_TAIL = re.compile(r"[^a-z\s,:]")
# How far before its quote a _VERB_THEN_QUOTE match is looked for first ("said: " is 6).
_VERB_WINDOW = 64
# What a _BEFORE match holds before its verb: the speaker, with one "\s+" after "The" and after
# each of up to five capitalised words, then ",?\s+", then a gap of at most 40 characters. So
# what comes before the gap meets at most 7 whitespace runs, and a match starts after the 8th
# run starting before (verb - 40).
_GAP = 40
_SPEAKER_RUNS = 8


def _verb_before(body: str, segment: int, quote: int) -> int | None:
    """Where the first _VERB_THEN_QUOTE match in body[segment:quote + 1] starts (the quote at
    `quote` is the first after `segment`), or None; looked for in the last _VERB_WINDOW
    characters unless they are all verb-and-tail characters, as then it may start earlier."""
    lo = max(segment, quote - _VERB_WINDOW)
    if lo > segment and _NOT_VERB_TAIL.search(body, lo, quote) is None:
        lo = segment
    m = _VERB_THEN_QUOTE.search(body, lo, quote + 1)
    return None if m is None else m.start()


def _run_back(body: str, end: int, n: int) -> int:
    """Where the n-th whitespace run counted back from `end` (of those starting before it)
    starts; 0 if there are fewer. Read from a slice that grows until it holds n + 1 runs, as
    the first run of a slice may be the cut end of a longer one."""
    span = 96  # ~19 runs of news text; a finditer match costs ~0.2 us
    while True:
        lo = max(0, end - span)
        starts = [m.start() for m in _SPACE_RUN.finditer(body, lo, max(lo, end))]
        if len(starts) > n or lo == 0:
            return starts[-n] if len(starts) >= n else 0
        span *= 4


def _before_matches(body: str) -> Iterator[re.Match[str]]:
    """What `_BEFORE.finditer(body)` yields, searching only the few places a match can be.

    Nothing _BEFORE matches before its opening quote can be a double quote (speaker, gap, verb
    and the words after it exclude it) and its quote text cannot hold one: so a match starting
    at s opens at the first '"' at or after s and ends right after the next one, whatever path
    the regex takes; and the pattern has no look-around, anchor or \b, so a search whose endpos
    is that end finds at s what a search of the whole body finds. The starts between two
    quotes thus form one segment with one end; a segment is searched only when a
    _VERB_THEN_QUOTE match opens the quote at its end (a match's verb does), and only from the
    8th whitespace run before the first such verb less 40 characters (_SPEAKER_RUNS, _GAP).
    finditer's leftmost, non-overlapping order is kept: segments in order, each from the last
    match's end. _BEFORE over the whole body cost 327 us a call (174 us an article on the
    bench archive), as `re` tries the speaker's nested words at every capital; this costs
    ~16 us a body in all, with the same matches on the archive's 6,080 bodies."""
    quotes = [m.start() for m in _DOUBLE_QUOTE.finditer(body)]
    pos = 0
    for k in range(len(quotes) - 1):
        quote = quotes[k]
        if quote < pos:
            continue
        segment = quotes[k - 1] + 1 if k else 0
        verb = _verb_before(body, segment, quote)
        if verb is None:
            continue
        lo = max(pos, segment, _run_back(body, verb - _GAP, _SPEAKER_RUNS))
        m = _BEFORE.search(body, lo, quotes[k + 1] + 1)
        if m is not None:
            yield m
            pos = m.end()


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
    for matches in (
        _AFTER_VERB_SPEAKER.finditer(body),
        _AFTER_SPEAKER_VERB.finditer(body),
        _before_matches(body),
    ):
        for m in matches:
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
