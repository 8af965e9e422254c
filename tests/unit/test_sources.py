"""Archive readers and the replay command's errors (no broker needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from schemas.articles import RawArticle
from schemas.wire import decode
from streams.cli import main
from streams.replay import select
from streams.sources import SourceError, read_archive


def test_doc_layout_maps_onto_raw_article(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    line = {
        "doc_id": "d1",
        "incident_id": "7",
        "dct": "2017-03-04",
        "title": "T",
        "url": "https://www.example.com/a",
        "text": "Body.",
    }
    path.write_bytes(orjson.dumps(line) + b"\n")
    [record] = list(read_archive(path))
    article = decode(RawArticle, record.value)
    assert article.id == record.key == "d1"
    assert article.source == "www.example.com"
    assert article.published_at == datetime(2017, 3, 4, 12, tzinfo=UTC)


def test_label_fields_are_dropped_and_map_renames(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        orjson.dumps(
            {"id": "x", "content": "B", "incident_id": "i", "published_at": "2020-01-01T00:00:00Z"}
        )
        + b"\n"
    )
    [record] = list(read_archive(path, field_map={"body": "content"}))
    assert decode(RawArticle, record.value).body == "B"


def test_bad_lines_are_kept_for_the_dead_letter(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'not json\n[1, 2]\n\n{"id": "ok", "body": "b", "published_at": "x"}\n')
    records = list(read_archive(path))
    assert [r.key for r in records] == ["bad.jsonl:1", "bad.jsonl:2", "ok"]
    assert records[0].value == b"not json"


def test_text_folder_needs_a_date(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_text("Title line\n\nBody paragraph.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="--published-at"):
        list(read_archive(tmp_path))
    when = datetime(2018, 5, 2, tzinfo=UTC)
    [record] = list(read_archive(tmp_path, published_at=when))
    article = decode(RawArticle, record.value)
    assert (article.id, article.title, article.published_at) == ("r1", "Title line", when)


def test_since_until_select_by_published_at() -> None:
    from streams.sources import ArchiveRecord

    records = [ArchiveRecord(str(d), b"", datetime(2020, 1, d, tzinfo=UTC), "") for d in (1, 2, 3)]
    records.append(ArchiveRecord("nodate", b"", None, ""))
    kept = [
        r.key
        for r in select(records, datetime(2020, 1, 2, tzinfo=UTC), datetime(2020, 1, 3, tzinfo=UTC))
        if r is not None
    ]
    assert kept == ["2", "nodate"]


def test_replay_refuses_an_unreadable_file(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["replay", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code != 0 and "does not exist" in missing.output
    binary = tmp_path / "x.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00binary")
    result = runner.invoke(main, ["replay", str(binary)])
    assert result.exit_code != 0 and "binary" in result.output
    folder = tmp_path / "reports"
    folder.mkdir()
    result = runner.invoke(main, ["replay", str(folder)])
    assert result.exit_code != 0 and "--published-at" in result.output


def test_help_explains_every_command() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["--help"]).output
    for command in ("broker", "worker", "replay", "tail", "export", "schemas", "demo"):
        assert command in out
    assert "--rate" in runner.invoke(main, ["replay", "--help"]).output
