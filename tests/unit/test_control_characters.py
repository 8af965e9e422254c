"""Control characters never get past the clean stage (issue #8: hostile input)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from schemas.articles import RawArticle
from streams.clean import EmptyArticle, clean_article, has_control_characters

WHEN = datetime(2018, 5, 1, tzinfo=UTC)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def test_control_characters_are_removed_from_title_and_story() -> None:
    raw = RawArticle(
        id="a",
        title="Fire\x00 in\x1b[31m town\x07",
        body="A fire\x00 destroyed\x08 a barn\x9b in Springfield on Monday, officials said.\x7f\n"
        "Nobody was hurt.",
        published_at=WHEN,
    )
    article = clean_article(raw)
    assert not CONTROL.search(article.title) and article.title.startswith("Fire in")
    assert article.paragraphs[0].startswith("A fire destroyed a barn in Springfield")
    assert not any(CONTROL.search(p) for p in article.paragraphs)


def test_a_body_of_control_characters_only_is_empty() -> None:
    body = "".join(chr(c) for c in range(32)) * 50
    with pytest.raises(EmptyArticle, match="empty body"):
        clean_article(RawArticle(id="c", body=body, published_at=WHEN))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii, tab\t newline\n vt\x0b ff\x0c cr\r",
        "caf\u00e9 \u00a0nbsp \u00a9 \u00bf \u2019 \U0001f600",
        "nul\x00",
        "esc\x1b[31m",
        "del\x7f",
        "c1 \x85 next line",
        "c1 \x9f last",
        "\x80 first c1",
        "\u0100 after c1 range \u00a0\u00a0",
        "lone surrogate \ud800 stays text",
    ],
)
def test_the_byte_level_check_finds_what_the_regex_finds(text: str) -> None:
    assert has_control_characters(text) == (CONTROL.search(text) is not None)
