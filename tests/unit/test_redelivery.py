"""Every stateless stage gives a redelivered article the same output as the first time.

A crash or a rebalance delivers again what was not committed, sometimes long after: by then the
clean stage has learned more of each source's residue. If the article came out different, its
places and region key could change, it would reach another fold partition, and no fold state
there would know it had been folded: it was counted twice (an incident and articles.late; the
rebalance test, 2026-11-29). Here a generated archive goes through clean and extract, then all
of it again, in the order a redelivery from the start would bring it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.bench import CorePipeline
from streams.settings import Settings
from streams.sources import read_archive
from streams.sources.synthetic import ArchiveSpec, write_jsonl

#: Enough stories per source for site residue to be learned while the replay goes on.
SPEC = ArchiveSpec(articles=1_500, incidents=300, seed=21, days=6, late_reports=3)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("redelivery") / "archive.jsonl"
    write_jsonl(SPEC, path)
    return path


def test_a_redelivered_article_comes_out_of_clean_and_extract_byte_for_byte_the_same(
    archive: Path,
) -> None:
    records = sorted(read_archive(archive), key=lambda r: r.published_at or 0)
    pipeline = CorePipeline(Settings())
    first = [pipeline.extract(r.key, r.value) for r in records]
    learned = sum(
        len(pipeline.site_residues.learned(site) or ()) for site in pipeline.site_residues.known
    )
    assert learned > 0, "the archive must be long enough for site residue to be learned"
    again = [pipeline.extract(r.key, r.value) for r in records]
    changed = [r.key for r, a, b in zip(records, first, again, strict=True) if a != b]
    assert not changed, f"{len(changed)} of {len(records)} changed delivered again: {changed[:5]}"
