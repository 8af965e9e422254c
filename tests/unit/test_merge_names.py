"""Names in matching: headline words the tagger takes for people are no victims, and one victim
spelt two ways is one person (streams/merge/match.py `name_keys`, `shared_people`)."""

from __future__ import annotations

from schemas.articles import CasualtyClaim
from streams.merge.match import (
    article_terms,
    evidence,
    is_roundup,
    matches,
    name_keys,
    shared_people,
    victim_names,
)
from tests.unit.test_merge_match import CONFIG, FIRST, SECOND, frequencies, opened, report


def test_headline_words_and_quarters_are_no_names() -> None:
    mistaken = [
        "Suspect Arrested",
        "Five Injured",
        "Victims Identified",
        "Person Dies",
        "Related: Oakland",
        "SE Houston",
        "Northeast Baltimore",
        "Iraq War",
        "Pizza Pub",
    ]
    assert name_keys(mistaken) == set()
    assert name_keys(["Taiquan Moss", "Donny Moses"]) == {"taiquan moss", "donny moses"}


def test_a_headline_word_in_a_casualty_sentence_is_no_victim() -> None:
    claim = CasualtyClaim(kind="injured", value=5, sentence="Five Injured, Suspect Arrested")
    assert victim_names(name_keys(["Five Injured", "Suspect Arrested"]), [claim]) == set()


def test_spelling_variants_of_one_name_are_one_person() -> None:
    assert shared_people({"malijha grant"}, {"malijah grant"}) == 1
    assert shared_people({"laylah petersen"}, {"laylah peterson"}) == 1
    assert shared_people({"carstie clausen", "tom fox"}, {"carstie caulsen"}) == 1
    # Exact ones count once each, with the variants.
    assert shared_people({"a b", "malijha grant"}, {"a b", "malijah grant"}) == 2


def test_other_people_of_one_family_or_short_names_are_not_variants() -> None:
    assert shared_people({"jane grant"}, {"jake grant"}) == 0  # too short, too different
    assert shared_people({"chanetta powell"}, {"brittany powell"}) == 0
    assert shared_people({"malijha grant"}, {"malijha moore"}) == 0
    assert shared_people(set(), {"malijha grant"}) == 0
    # Each name of the other side is matched once.
    assert shared_people({"malijha grant", "malijah grant"}, {"malijhah grant"}) == 1


def test_a_victim_spelt_otherwise_is_the_same_victim_not_another() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    second = report("b", SECOND, hours=20, killed=1, injured=2, people=("Deshaun Okafor",))
    found = evidence(second, first, article_terms(second), CONFIG, df)
    assert found.shared_names == 1 and not found.other_names
    assert matches(second, [first], CONFIG, df) == [first]
    # Another given name altogether is another victim.
    other = report("c", SECOND, hours=20, killed=1, injured=2, people=("Marcus Okafor",))
    found = evidence(other, first, article_terms(other), CONFIG, df)
    assert found.shared_names == 0 and found.other_names


def test_roundup_headlines() -> None:
    assert is_roundup("3 killed, 12 wounded in Monday shootings across Chicago")
    assert is_roundup("2 girls, ages 11 and 12, shot in head in separate shootings")
    assert is_roundup("NOPD investigates four separate shootings")
    assert is_roundup("1 Dead, 5 Injured in 2 Shootings at the University")
    assert not is_roundup("Suspect identified in Wilkinsburg shootings")
    assert not is_roundup("Man shot dead on Bellfort Avenue")


def test_a_roundup_joins_only_an_incident_naming_a_person_it_names() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    plain = report("b", SECOND, hours=20, killed=1, injured=2)
    assert matches(plain, [first], CONFIG, df) == [first]
    title = "3 killed, 9 wounded in weekend shootings across Houston"
    roundup = plain.model_copy(
        update={"article": plain.article.model_copy(update={"title": title})}
    )
    assert matches(roundup, [first], CONFIG, df) == []
    named = report("c", SECOND, hours=20, killed=1, injured=2, people=("Deshawn Okafor",))
    named = named.model_copy(update={"article": named.article.model_copy(update={"title": title})})
    assert matches(named, [first], CONFIG, df) == [first]
