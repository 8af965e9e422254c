"""Language of the story text: an ISO 639-1 code from py3langid, or "und" when unsure."""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
#: py3langid's cost grows with the text (2,000 chars ~0.8 ms, more than the whole clean budget
#: of 0.5 ms per article); 200 characters of news prose already give >0.99 confidence.
SAMPLE_CHARS = 200
#: Fewer letters than this cannot be told apart reliably ("Shots fired" scores 0.3 English).
MIN_LETTERS = 40
MIN_PROBABILITY = 0.6
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> LanguageIdentifier:
    # Loaded once on first use (~0.7 s): importing the package stays cheap for workers and tools
    # that never classify. The model ships inside py3langid; nothing is downloaded.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: English function words: news prose in English has about a third of its words among them,
#: other Latin-script languages almost none ("a", "on" and "to" alone are not enough).
_ENGLISH = frozenset(
    [
        "the", "of", "and", "to", "in", "a", "is", "was", "for", "on", "that", "with", "said", "by",
        "at", "from", "it", "as", "he", "his", "has", "have", "are", "were", "be", "an", "who",
        "they", "their", "after", "police", "had", "been",
    ]
)
_ENGLISH_SHARE = 0.22
_ENGLISH_DISTINCT = 5


#: Typographic punctuation English prose is full of (curly quotes, dashes, bullets): mapped to
#: ASCII for the fast path, which otherwise would send half of English news to py3langid.
#: One character to one, so a prefix of the mapped text is the mapped prefix.
_TYPOGRAPHIC = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
    ("\u2014", "-"), ("\u2026", "."), ("\u2022", " "), ("\u00a0", " "), ("\u00b7", " "),
)


def _ascii_punctuation(text: str) -> str:
    # str.replace for the few characters present: str.translate with a mapping costs ~30 us
    # on 600 non-ASCII characters, more than the whole fast path.
    for typographic, plain in _TYPOGRAPHIC:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


#: A longer sample for the fast path only: word counting costs microseconds where py3langid
#: costs hundreds, and an English article opening with names or a heading shows its function
#: words a sentence or two later.
FAST_SAMPLE_CHARS = 600


def _clearly_english(sample: str) -> bool:
    # Fast path before py3langid (~130 us a call, a quarter of the plain-text budget): agrees
    # with py3langid on all English and non-English texts of the dev sets it was checked on.
    # `sample` has its typographic punctuation mapped already (_TYPOGRAPHIC).
    if not sample.isascii():
        return False
    words = sample.lower().split()
    hits = [w for w in words if w in _ENGLISH]
    return len(words) >= 15 and len(hits) >= _ENGLISH_SHARE * len(words) and (
        len(set(hits)) >= _ENGLISH_DISTINCT
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language, or "und" when too short or not confidently one."""
    fast = text[:FAST_SAMPLE_CHARS]
    if not fast.isascii():
        fast = _ascii_punctuation(fast)
    if _clearly_english(fast[:SAMPLE_CHARS]) or (
        len(text) > SAMPLE_CHARS and _clearly_english(fast)
    ):
        return "en"
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else UNDETERMINED
