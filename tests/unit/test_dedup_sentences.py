"""Sentence level: a statement repeated across an incident's reports is listed once."""

from __future__ import annotations

from streams.dedup import group_sentences, match_sentence, sentence_key


def test_sentence_key_folds_case_and_punctuation() -> None:
    assert sentence_key("“Police,” he said — FIVE shots.") == sentence_key(
        '"police" he said five shots'
    )


def test_same_and_near_identical_sentences_are_grouped() -> None:
    groups = group_sentences(
        [
            ("a", ["The strike hit the village of Al-Qasr in Hasakah province on Tuesday.",
                   "Rescue teams were still searching the rubble."]),
            ("b", ["The strike hit the village of al-Qasr in Hasakeh province on Tuesday.",
                   "Rescue teams were still searching the rubble!"]),
            ("c", ["An entirely different statement about the weather in the region."]),
        ]
    )  # fmt: skip
    assert groups == [
        ("The strike hit the village of Al-Qasr in Hasakah province on Tuesday.", ["a", "b"]),
        ("Rescue teams were still searching the rubble.", ["a", "b"]),
        ("An entirely different statement about the weather in the region.", ["c"]),
    ]


def test_different_figures_are_different_statements() -> None:
    groups = group_sentences(
        [
            ("a", ["At least 23 civilians, including 10 children, were killed in the strike."]),
            ("b", ["At least 25 civilians, including 10 children, were killed in the strike."]),
        ]
    )
    assert [ids for _, ids in groups] == [["a"], ["b"]]


def test_a_report_repeating_itself_counts_once() -> None:
    sentence = "Police said the suspect fled on foot toward the river."
    assert group_sentences([("a", [sentence, sentence])]) == [(sentence, ["a"])]


def test_short_sentences_match_exactly_only() -> None:
    assert match_sentence(sentence_key("Police said."), [sentence_key("Police say.")]) is None
    assert match_sentence(sentence_key("Police said."), [sentence_key("police said")]) == 0
