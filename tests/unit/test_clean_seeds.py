"""The clean stage on the five real seed reports in ../shared/seeds (read, never copied here).

Skipped when the shared folder is absent, except in CI, where its absence is a failure.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.articles import CleanArticle, RawArticle
from streams.clean import clean_article, match_key

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.shared

# Residue lines found in each seed: none may survive cleaning.
RESIDUE: dict[str, list[str]] = {
    "000": [
        "\u2022 Led strikes on Syria's Hasakah leave over two dozen civilians dead",
        "Led strikes on Syria's Hasakah leave over two dozen civilians dead",
    ],
    "001": ["Adjust Comment Print"],
    "002": [
        "Afp May 01, 2018",
        "PHOTO: AFP",
        "Missiles kill 26 pro-regime fighters in Syria including Iranians: monitor",
        "Syrian army renews push on besieged areas",
        "COMMENTS",
        "Replying to X",
        "Comments are moderated and generally will be posted if they are on-topic and not abusive.",
        "For more information, please see our Comments FAQ",
    ],
    "003": [
        "Read: Syrian army says captured villages from US-backed forces",
        "Read: White House says Trump still wants US troops out of Syria as soon as possible",
    ],
    "004": [
        "Rudaw moderates all comments submitted on our website.",
        "To be approved for publication, however, your comments must meet our community "
        "guidelines.",
        "We will not tolerate the following: profanity, threats, personal attacks",
        "Comments that do not meet our guidelines will be rejected.",
        "Post a comment",
    ],
}

# Story sentences that must all be kept; the last one of each list ends the story.
STORY: dict[str, list[str]] = {
    "000": [
        "The SDF halted its fight against IS in eastern Syria and turned westward in mid-March to "
        "fight a Turkish incursion in the Kurdish enclave of Afrin.",
        "Air strikes killed at least 23 civilians, including 10 children, in a village held by "
        "the Islamic State in Iraq and Syria (ISIS) group in northeastern Syria on Tuesday "
        "(May 1), the Syrian Observatory for Human Rights monitor said.",
        '"To suggest they have not - as has been done - is nonsense", they added.',
        "The agreement caps a string of similar surrender deals that have seen rebels exiting a "
        "number of pockets around Damascus in recent weeks, including the town of Dumayr and the "
        "eastern Qalamoun region.",
    ],
    "001": [
        '"We don\'t know for the moment if the US-led global coalition or Iraqi forces carried out '
        'the strike" on the village of Al-Qasr in Hasakeh province, the Observatory said.',
        "It now appears that a civilian on a motorbike was killed after they entered the target "
        "area at the last minute.",
        "He said the time when Tehran's enemies can \"hit and run\" is over.",
        "The agreement caps a string of similar surrender deals that have seen rebels exiting a "
        "number of pockets around Damascus in recent weeks, including the town of Dumayr and the "
        "eastern Qalamoun region.",
    ],
    "002": [
        "Air strikes killed at least 23 civilians including 10 children in a village held by the "
        "Islamic State group in northeastern Syria Tuesday, the Syrian Observatory for Human "
        "Rights monitor said.",
        "The Britain-based monitor relies on a network of sources on the ground for its "
        "information.",
        "The coalition says it takes every precaution to avoid civilian casualties",
        "Last week, it acknowledged the deaths of 28 civilians in Iraq and Syria in 2017.",
        "That increased its overall death toll of non-fighters killed in coalition strikes since "
        "2014 in both countries to at least 883.",
        "Monitoring group Airwars says the true toll of the bombing campaign is much higher, "
        "estimating that at least 6,259 civilians have been killed.",
    ],
    "003": [
        "The victims of the strike on the village of Al-Qasr are believed to have belonged to two "
        "families, with several people still in critical condition.",
        "The Kurdish-led Syrian Democratic Forces (SDF) were forced to pause their battle in the "
        "east after Turkey launched an assault in January",
        "On Monday, US Defence Secretary Jim Mattis said that the US will not withdraw its forces "
        "from Syria unless peace is fully achieved throughout the country.",
        "The announcement comes after conflicting statements from US President Donald Trump and "
        "the State Department last month on the US\u2019 future presence in the region.",
    ],
    "004": [
        "The SDF and their international coalition backers are combatting ISIS in two main pockets "
        "of territory in eastern Deir ez-Zor province",
        "The Syrian Observatory for Human Rights reported the deaths of at least 14 people, "
        "including 5 children, in airstrikes by unknown warplanes on Tuesday.",
        "Syrian state media reported the deaths of 25 civilians in airstrikes on al-Fadel village "
        "in southern Hasaka province, putting the blame on the coalition.",
        "The SDF and Syrian regime forces clashed over the weekend. Both are fighting ISIS in the "
        "oil-rich Deir ez-Zor province.",
    ],
}


def _seed_files() -> dict[str, Path]:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed reports missing at {SEEDS} (required in CI)")
        pytest.skip(f"seed reports not found at {SEEDS}: ../shared is not checked out here")
    return {path.name[:3]: path for path in sorted(SEEDS.glob("*.txt"))}


def _clean(path: Path) -> CleanArticle:
    # The first line of a seed file is its title, the rest its body.
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return clean_article(
        RawArticle(
            id=path.stem,
            source="seed",
            title=title.strip(),
            body=body,
            published_at=datetime(2018, 5, 2, tzinfo=UTC),
        )
    )


@pytest.mark.parametrize("seed", sorted(STORY))
def test_seed_cleaned(seed: str) -> None:
    files = _seed_files()
    assert seed in files, f"seed {seed} missing from {SEEDS}"
    article = _clean(files[seed])
    text_key = match_key(article.text)
    paragraph_keys = [match_key(p) for p in article.paragraphs]

    for line in RESIDUE[seed]:
        key = match_key(line)
        assert key not in paragraph_keys and key not in text_key, f"residue kept: {line!r}"
    for sentence in STORY[seed]:
        assert match_key(sentence) in text_key, f"story sentence lost: {sentence!r}"
    assert match_key(STORY[seed][-1]) in paragraph_keys[-1], "story must end where it ends"
    assert len(set(paragraph_keys)) == len(paragraph_keys), "a paragraph is repeated"
    assert article.language == "en"


def test_seed_dateline_and_residue_counts() -> None:
    files = _seed_files()
    article = _clean(files["002"])
    assert article.dateline == "BEIRUT, SYRIA"
    assert article.residue_removed["comment_section"] == 4
    assert article.residue_removed["teaser"] == 2
    repeated = _clean(files["004"]).residue_removed
    assert repeated["repeated_paragraph"] == 11
