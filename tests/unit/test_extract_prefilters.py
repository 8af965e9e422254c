"""The extract stage's cheap prefilters and string fast paths agree with the slow forms they
stand in for: a prefilter may let a sentence through needlessly, never drop one that matches."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from streams.extract import casualties, dates, places
from streams.extract.fingerprint import _NON_ALNUM, normalise_for_hash
from streams.extract.text import (
    _PUNCT_FOLD,
    Sentence,
    fold_punct,
    normalise_space,
    split_sentences,
)

SAMPLES = [
    "",
    "   ",
    "Police said two dozen were killed in the village of Al-Qasr on Tuesday.",
    "Two  dozen\twere killed\n overnight,  officials said.",
    "\u201cWe heard shots\u201d \u2014 a neighbour said\u2026 \u00a0It was 3\u2009a.m.",
    "Café owner José said the man, 29, was shot near Ḩasakah.",
    "__under_scores__ and A-B, x1_2 \x00\x1f\x7f end",
    "He was shot on 5/12/18 and died LAST NIGHT.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_punct_equals_translate(text: str) -> None:
    assert fold_punct(text) == text.translate(_PUNCT_FOLD)


def test_fold_punct_every_folded_char() -> None:
    text = "x".join(chr(c) for c in _PUNCT_FOLD) + "é"
    assert fold_punct(text) == text.translate(_PUNCT_FOLD)


@pytest.mark.parametrize("text", SAMPLES)
def test_normalise_space_equals_regex(text: str) -> None:
    assert normalise_space(text) == re.sub(r"\s+", " ", text).strip()


def test_normalise_space_every_unicode_space() -> None:
    spaces = "".join(chr(c) for c in range(0x3100) if re.fullmatch(r"\s", chr(c)))
    text = f"a{spaces}b{spaces}"
    assert normalise_space(text) == re.sub(r"\s+", " ", text).strip() == "a b"


def test_split_sentences_unchanged_on_messy_whitespace() -> None:
    assert split_sentences("  Maj. Gen. James  spoke.\n Two men were shot.  ") == [
        "Maj. Gen. James spoke.",
        "Two men were shot.",
    ]


@pytest.mark.parametrize("text", SAMPLES)
def test_hash_normalisation_equals_regex(text: str) -> None:
    folded = fold_punct(unicodedata.normalize("NFKC", text)).lower()
    assert normalise_for_hash([text]) == _NON_ALNUM.sub(" ", folded).strip()


DATE_SENTENCES = [
    ("It happened Tuesday.", True),
    ("Police said it happened last night.", True),
    ("It happened early this morning.", True),
    ("Officers returned overnight and again this afternoon.", True),
    ("Last month's shooting left two dead.", True),
    ("The shooting happened on May 3.", True),
    ("The man, 29, was shot.", True),
    ("Police said two dozen were killed in the attack.", False),
    ("Nobody knows when it happened.", False),
]


@pytest.mark.parametrize(("text", "expected"), DATE_SENTENCES)
def test_date_prefilter_keeps_every_date(text: str, expected: bool) -> None:
    # `expected`: whether the prefilter lets it through (a digit alone is enough to pass).
    assert dates.may_have_date(text) == expected
    if any(rx.search(text) for _, rx in dates._PATTERNS):
        assert expected
        assert dates.find_dates(Sentence(1, text), date(2018, 5, 20))


def test_date_words_cover_patterns() -> None:
    # Every relative expression and weekday has a whole word of _DATE_WORDS.
    relative = dict(dates._PATTERNS)["relative"].pattern
    phrases = re.search(r"\(\?P<rel>(.*?)\)\\b", relative)
    assert phrases is not None
    for phrase in [*phrases.group(1).split("|"), *dates._WEEKDAYS]:
        words = set(re.findall(r"[a-z]+", phrase.lower()))
        assert words & dates._DATE_WORDS, phrase


@pytest.mark.parametrize(
    "text",
    [
        "Two dozen were killed.",
        "A man was shot and killed.",
        "One woman was wounded, according to police.",
        "An officer was hurt.",
        "The non-combatants fled; one non-combatants group was hit.",
    ],
)
def test_one_person_prefilter_keeps_matches(text: str) -> None:
    if casualties._ONE_PERSON.search(text):
        assert casualties._may_be_one_person(text)


def test_one_person_prefilter_skips_sentences_without_a_subject() -> None:
    assert not casualties._may_be_one_person("Two dozen were killed on Tuesday.")
    assert casualties._may_be_one_person("A man was shot.")


@pytest.mark.parametrize(
    "text",
    [
        "Two dozen were killed, according to the Syrian Observatory.",
        "Three people were killed, police said.",
        "Five were wounded, said Sheriff John Smith.",
        "Five were wounded in the attack.",
    ],
)
def test_attribution_prefilter_keeps_every_match(text: str) -> None:
    rxs = (casualties._ATTRIB_ACCORDING, casualties._ATTRIB_SAID, casualties._SAID_SRC)
    if any(rx.search(text) for rx in rxs):
        words = set(re.findall(r"[a-z]+", text.lower()))
        assert "according" in words or words & casualties._ATTRIB_VERBS
    else:
        assert casualties._attribution(text, lambda s: s) is None


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("the village of ", 15, True),
        ("the village OF  ", 16, True),
        ("the village of\t", 15, True),
        ("the village ", 12, False),
        ("of", 2, False),
        ("a roof ", 7, True),  # a needless pass is fine: the pattern itself checks "\b"
        ("", 0, False),
    ],
)
def test_after_of(text: str, end: int, expected: bool) -> None:
    assert places._after_of(text, end) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the village of Qasr",
        "the province of  Idlib",
        "a 20-year-old man of Maple Heights",
        "Smith, 20, of Maple Heights",
        "the town Of Qasr",
    ],
)
def test_of_prefilter_keeps_every_match(text: str) -> None:
    start = text.rfind(" ") + 1
    for rx in (places._ADMIN_OF, places._VILLAGE_BEFORE, places._RESIDENCE_BEFORE):
        assert bool(places._ends_with(rx, text, start)) == bool(
            places._ends_with_of(rx, text, start)
        )
