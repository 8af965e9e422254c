"""The plain-text cleaner: paragraphs of story text, with residue counted by kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field

from streams.clean.dateline import split_dateline
from streams.clean.paragraphs import NEAR_REPEAT_MIN_CHARS, drop_repeats, split_paragraphs
from streams.clean.residue import byline_author, residue_kind
from streams.clean.sections import (
    cut_comment_section,
    drop_teaser_headlines,
    drop_title_repeats,
    is_story_paragraph,
)
from streams.clean.site_residue import MAX_LINE_CHARS, fingerprint

_DATELINE_SEARCH = 3


@dataclass(frozen=True)
class CleanText:
    """The story found in a text, what was split off it, and the residue removed by kind."""

    paragraphs: tuple[str, ...]
    dateline: str | None = None
    author: str | None = None
    residue_removed: dict[str, int] = field(default_factory=dict)


def clean_text(
    text: str,
    title: str = "",
    structured: bool = False,
    site_residue: Container[str] | None = None,
) -> CleanText:
    """Clean a plain-text article body; `title` is the headline, to spot it repeated in the body.

    `structured` is for text an HTML extractor already cut out of its page: the page's
    navigation and teasers are gone with the page structure, so short lines repeated (list
    items, table rows) and headline-like lines between paragraphs (subheadings) are the story's
    own and stay; every line rule still applies. `site_residue` holds fingerprints of lines
    learned as this source's residue (site_residue.py): such paragraphs go as "site_residue".

    Order matters: the comment section is cut first (nothing after it is story), then whole
    residue lines go, then the headline at the top, then repeats (so a teaser printed twice is
    seen once), then teaser headlines (they are judged by the story paragraphs around them,
    which must already be free of residue), and last the dateline of the first paragraph.
    """
    removed: Counter[str] = Counter()
    paragraphs, cut = cut_comment_section(split_paragraphs(text))
    removed["comment_section"] += cut

    author: str | None = None
    story: list[str] = []
    for paragraph in paragraphs:
        kind = residue_kind(paragraph)
        if kind is None and site_residue and _is_site_residue(paragraph, site_residue):
            kind = "site_residue"
        if kind is None:
            story.append(paragraph)
            continue
        removed[kind] += 1
        if kind == "byline" and author is None:
            author = byline_author(paragraph)

    story, removed["repeated_title"] = drop_title_repeats(story, title)
    story, removed["repeated_paragraph"], removed["near_repeated_paragraph"] = drop_repeats(
        story, min_exact_chars=NEAR_REPEAT_MIN_CHARS if structured else 0
    )
    if not structured:
        story, removed["teaser"] = _add(drop_teaser_headlines(story), removed["teaser"])

    dateline, story = _split_dateline(story)

    return CleanText(
        paragraphs=tuple(story),
        dateline=dateline,
        author=author,
        residue_removed={kind: n for kind, n in sorted(removed.items()) if n},
    )


def _is_site_residue(paragraph: str, learned: Container[str]) -> bool:
    return len(paragraph) <= MAX_LINE_CHARS and fingerprint(paragraph) in learned


def _split_dateline(story: list[str]) -> tuple[str | None, list[str]]:
    # The dateline opens the first story paragraph, which may follow a standfirst or a
    # subheading; it is looked for up to that paragraph and no further.
    for i, paragraph in enumerate(story[:_DATELINE_SEARCH]):
        dateline, rest = split_dateline(paragraph)
        if dateline is not None:
            return dateline, [*story[:i], *([rest] if rest else []), *story[i + 1 :]]
        if is_story_paragraph(paragraph):
            break
    return None, story


def _add(result: tuple[list[str], int], already: int) -> tuple[list[str], int]:
    kept, n = result
    return kept, already + n
