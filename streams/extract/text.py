"""Text helpers shared by the extractors: folding, sentence splitting, name keys.

Everything here is pure and cheap; regexes are compiled at import time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Lowercase day and month names, shared by the extractors that must skip them.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Typographic variants that feeds use interchangeably; folding them keeps regexes simple.
_PUNCT_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "...",
    }
)

# Abbreviations that end in a period but do not end a sentence (titles, AP state forms, months).
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "maj",
        "col",
        "lt",
        "sgt",
        "cpl",
        "pvt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "sr",
        "jr",
        "det",
        "insp",
        "supt",
        "ofc",
        "no",
        "vs",
        "etc",
        "inc",
        "co",
        "corp",
        "ltd",
        "u.s",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "n.h",
        "n.j",
        "n.m",
        "n.y",
        "n.c",
        "n.d",
        "okla",
        "ore",
        "pa",
        "r.i",
        "s.c",
        "s.d",
        "tenn",
        "tex",
        "vt",
        "va",
        "wash",
        "w.va",
        "wis",
        "wyo",
        "d.c",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rd",
        "hwy",
        "e",
        "w",
        "n",
        "s",
    ]
)

_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


# The same folds as (char, ASCII replacement) pairs: no replacement contains a folded char, so
# replacing them one after another equals one translate() pass.
_PUNCT_PAIRS = tuple((chr(code), str(to)) for code, to in _PUNCT_FOLD.items())


def fold_punct(text: str) -> str:
    """Fold typographic quotes, dashes and odd spaces to their ASCII forms (same length)."""
    # Everything folded is non-ASCII. translate() with a dict costs a lookup per character of
    # the text (slow on long paragraphs); a C-speed scan per folded char costs far less.
    if text.isascii():
        return text
    for char, ascii_form in _PUNCT_PAIRS:
        if char in text:
            text = text.replace(char, ascii_form)
    return text


def strip_accents(text: str) -> str:
    """Remove combining marks: 'Ḩasakah' -> 'Hasakah'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its index in the article (title is index 0 when present)."""

    index: int
    text: str
    is_title: bool = False


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, re-joining splits made after abbreviations."""
    return _split_normalised(normalise_space(paragraph))


def _split_normalised(paragraph: str) -> list[str]:
    """`split_sentences` of a paragraph whose whitespace `normalise_space` already folded."""
    if not paragraph:
        return []
    pieces = _SENT_SPLIT.split(paragraph)
    out: list[str] = []
    for piece in pieces:
        if out:
            # The last word starts after the last space (none of _LAST_WORD's characters is
            # one): searched from there, not from every position of the sentence, the same
            # match (this function: 182 -> 89 ms over the gva-dev paragraphs).
            m = _LAST_WORD.search(out[-1], out[-1].rfind(" ") + 1)
            # "Maj. Gen. James" or "Springfield, Ill. police": the period was not a full stop.
            if m and (m.group(1).lower() in _ABBREVIATIONS or len(m.group(1)) == 1):
                out[-1] = f"{out[-1]} {piece}"
                continue
        out.append(piece)
    return out


def article_sentences(title: str, paragraphs: list[str]) -> list[Sentence]:
    """Title (if any) then the sentences of each distinct paragraph.

    Crawled pages repeat paragraphs; dropping exact repeats keeps figures from being counted twice.
    """
    sentences: list[Sentence] = []
    if title.strip():
        sentences.append(Sentence(0, fold_punct(normalise_space(title)), True))
    seen_paragraphs: set[str] = set()
    seen: set[str] = set()
    for paragraph in paragraphs:
        key = normalise_space(fold_punct(paragraph))
        if not key or key in seen_paragraphs:
            continue
        seen_paragraphs.add(key)
        for s in _split_normalised(key):
            if s in seen:
                continue
            seen.add(s)
            sentences.append(Sentence(len(sentences), s))
    return sentences


_KEY_DROP = re.compile(r"['`\u02bb\u02bc\u02be\u02bf]")
_KEY_SEP = re.compile(r"[^a-z0-9]+")
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "az", "ash", "ath", "an", "at", "ez", "es"})
_TOKEN_SUBST = {"saint": "st", "mount": "mt", "fort": "ft", "sainte": "ste"}


# Extractors key the same few thousand words and names over and over (every capitalised token
# of every article); the keys are pure functions of the text, so a bounded cache pays.
_KEY_CACHE_SIZE = 1 << 16


def build_name_key(name: str) -> str:
    """`name_key` without the cache: for one-off bulk keying (the gazetteer build)."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _KEY_DROP.sub("", name.lower())
    tokens = [t for t in _KEY_SEP.split(text) if t]
    tokens = [_TOKEN_SUBST.get(t, t) for t in tokens]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _ARTICLES] or tokens
    return " ".join(tokens)


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def name_key(name: str) -> str:
    """Exact-ish lookup key: accents, case, punctuation and Arabic articles folded.

    'Al-Hasakah', 'al Hasakah' and 'Hasakah' share a key; 'St. Louis' and 'Saint Louis' too.
    """
    return build_name_key(name)


_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def loose_key(name: str) -> str:
    """Transliteration-tolerant key: vowels merged, doubled letters and final 'h' dropped.

    Arabic names reach English in many spellings (Hasakah / Hasakeh / Hasaka / Haseke); vowel
    quality and a final 'h' carry little information there, consonant skeletons carry most.
    """
    return build_loose_key(name)


def build_loose_key(name: str) -> str:
    """`loose_key` without the cache: for one-off bulk keying (the gazetteer build)."""
    key = build_name_key(name).replace(" ", "")
    key = _DOUBLE.sub(r"\1", key)
    if len(key) > 4 and key.endswith("h"):
        key = key[:-1]
    return _VOWELS.sub("a", key)


_WORD_RUN = re.compile(r"[A-Za-z]+")
# Every byte but an ASCII letter to a space: the runs of letters of an ASCII text are then the
# words str.split() gives. translate() is one C pass; on the gva-dev sentences this took 170 ms
# where findall took 236 ms (every sentence is split into words once, for the cue-word tests).
_LETTERS_ONLY = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256))


@lru_cache(maxsize=4096)
def lower_word_set(text: str) -> frozenset[str]:
    """The runs of ASCII letters in text, lower-cased.

    Extractors use it to skip a sentence at once when none of their cue words is in it; several
    ask about the same sentences of one article, hence the (small) cache.
    """
    if text.isascii():
        return frozenset(ascii_lower_words(text))
    return frozenset(w.lower() for w in _WORD_RUN.findall(text))


def ascii_lower_words(text: str) -> list[str]:
    """The runs of letters of an ASCII text, lower-cased (as `[A-Za-z]+` finds them)."""
    return text.lower().encode("ascii").translate(_LETTERS_ONLY).decode().split()


# A big case-insensitive alternation costs `re` a case fold per character it compares; the same
# pattern without IGNORECASE over the lower-cased text compares bytes as they are. For ASCII text
# and a pattern written in lower case the two find exactly the same spans (`str.lower` keeps
# every index; nothing in A-Z folds to anything outside it). On the gva-dev sentences:
# _BACKGROUND_CUES 770 -> 375 ms, casualties' _NUM_RE 290 -> 150 ms, lowering included.


def lowercase_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """`rx` (IGNORECASE, written in lower case) without IGNORECASE, to run on lower-cased ASCII
    text: see `caseless_search`. Raises ValueError for a pattern that is not in lower case."""
    if not rx.flags & re.IGNORECASE:
        raise ValueError(f"not a case-insensitive pattern: {rx.pattern!r}")
    # Upper-case letters outside escapes ("[A-Z]", "IED") would never match lower-cased text
    # (Escapes such as \S, \W or \B and group names are no text: case plays no part in them.)
    if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P(?:<\w+>|=\w+\))", "", rx.pattern)):
        raise ValueError(f"pattern has upper-case letters: {rx.pattern!r}")
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def caseless_search(rx: re.Pattern[str], twin: re.Pattern[str], text: str) -> int | None:
    """Where `rx.search(text)` matches (its start), or None; `twin` is `lowercase_twin(rx)`."""
    m = twin.search(text.lower()) if text.isascii() else rx.search(text)
    return None if m is None else m.start()


def normalise_space(text: str) -> str:
    """Runs of whitespace to one space, trimmed (as `re.sub(r"\\s+", " ", text).strip()`).

    str.split() and re's "\\s" both use Python's Unicode whitespace test, and split/join is
    several times faster than the regex on paragraph-long text.
    """
    return " ".join(text.split())
