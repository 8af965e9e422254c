"""Archive readers and the replay command's errors (no broker needed)."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from schemas.articles import RawArticle
from schemas.wire import decode
from streams.cli import main
from streams.replay import select
from streams.settings import get_settings
from streams.sources import SourceError, read_archive
from streams.sources.reader import check_archive


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


# --- RSS/Atom and WARC readers, and what replay refuses before sending anything ----------------
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.org/</link>
<item><title>Fire destroys warehouse</title><link>https://news.example.org/fire</link>
<guid>fire-1</guid><pubDate>Tue, 01 May 2018 10:00:00 +0200</pubDate>
<description>&lt;p&gt;Two workers were hurt.&lt;/p&gt;</description></item>
<item><title>Undated</title><guid>undated-1</guid><description>No date here.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><id>tag:wire.example,2018:1</id><title>Flood closes road</title>
<link href="https://wire.example/flood"/><updated>2018-05-02T08:30:00Z</updated>
<content type="text">The river rose overnight.</content></entry></feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<rss version="2.0"><channel><item><title>&lol2;</title></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>"""


def test_rss_items_become_raw_articles(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(RSS)
    dated, undated = read_archive(path)
    article = decode(RawArticle, dated.value)
    assert (article.id, article.title, article.source) == (
        "fire-1",
        "Fire destroys warehouse",
        "news.example.org",
    )
    assert article.url == "https://news.example.org/fire"
    assert article.content_type == "text/html" and "Two workers" in article.body
    assert article.published_at == datetime(2018, 5, 1, 8, tzinfo=UTC) == dated.published_at
    # No date: still sent, so the worker dead-letters it with a reason.
    assert undated.published_at is None
    assert "published_at" not in orjson.loads(undated.value)


def test_atom_entries_become_raw_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_bytes(ATOM)
    [record] = read_archive(path)
    article = decode(RawArticle, record.value)
    assert article.id == "tag:wire.example,2018:1"
    assert article.body == "The river rose overnight." and article.content_type == "text/plain"
    assert article.published_at == datetime(2018, 5, 2, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_feeds_declaring_entities_are_refused_unexpanded(tmp_path: Path, document: bytes) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(document)
    with pytest.raises(SourceError, match="declares entities"):
        read_archive(path)


def test_a_malformed_feed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(RSS[:-40])
    with pytest.raises(SourceError, match="not well-formed"):
        read_archive(path)


def test_a_gzip_bomb_feed_is_refused_at_the_limit(tmp_path: Path) -> None:
    from streams.sources.limits import MAX_FEED_BYTES

    path = tmp_path / "bomb.rss.gz"
    filler = b" " * (MAX_FEED_BYTES + 1024)
    path.write_bytes(gzip.compress(RSS.replace(b"<channel>", b"<channel>" + filler), 9))
    assert path.stat().st_size < MAX_FEED_BYTES // 100  # a bomb: tiny file, huge content
    with pytest.raises(SourceError, match="compression bomb"):
        read_archive(path)


class _Zeros(io.RawIOBase):
    """`size` zero bytes, streamed (so a bomb can be written without holding it)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


def _warc(path: Path, records: list[tuple[str, str, bytes | int, str]]) -> None:
    """A gzipped WARC of (type, url, payload or size of a zero payload, content type) records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for kind, url, payload, content_type in records:
            size = payload if isinstance(payload, int) else len(payload)
            stream = io.BufferedReader(_Zeros(payload)) if isinstance(payload, int) else None
            http = None
            if kind == "response":
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
            record = writer.create_warc_record(
                url,
                kind,
                payload=stream or io.BytesIO(payload),  # type: ignore[arg-type]
                length=size,
                http_headers=http,
                warc_content_type=content_type if kind == "resource" else None,
            )
            writer.write_record(record)


def test_warc_captures_become_raw_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    page = b"<html><head><title>Quake</title></head><body><p>A quake hit.</p></body></html>"
    _warc(
        path,
        [
            ("response", "https://a.example/quake", page, "text/html; charset=utf-8"),
            ("response", "https://a.example/logo.png", b"\x89PNG....", "image/png"),
            ("resource", "https://b.example/note.txt", b"Plain report.", "text/plain"),
            ("request", "https://a.example/quake", b"GET /quake HTTP/1.1\r\n\r\n", ""),
        ],
    )
    html, text = read_archive(path)
    article = decode(RawArticle, html.value)
    assert article.id.startswith("<urn:uuid:") and article.id == html.key
    assert (article.url, article.source, article.content_type) == (
        "https://a.example/quake",
        "a.example",
        "text/html",
    )
    assert article.body == page.decode() and article.published_at == html.published_at
    assert decode(RawArticle, text.value).body == "Plain report."


def test_a_warc_bomb_is_refused_at_the_limit(tmp_path: Path) -> None:
    from streams.sources.limits import MAX_WARC_RECORD_BYTES

    path = tmp_path / "bomb.warc.gz"
    _warc(path, [("response", "https://x.example/", MAX_WARC_RECORD_BYTES + 1, "text/html")])
    assert path.stat().st_size < MAX_WARC_RECORD_BYTES // 100
    with pytest.raises(SourceError, match="compression bomb"):
        list(read_archive(path))
    # Hidden in a record no article comes from, it is refused all the same.
    _warc(path, [("response", "https://x.example/", MAX_WARC_RECORD_BYTES + 1, "image/png")])
    with pytest.raises(SourceError, match="compression bomb"):
        list(read_archive(path))


def test_a_damaged_warc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    _warc(path, [("resource", "https://b.example/n.txt", b"Plain report.", "text/plain")])
    data = path.read_bytes()
    path.write_bytes(data[:40] + b"\xff" * 64 + data[104:])  # garbage inside the gzip stream
    with pytest.raises(SourceError, match="(damaged|not a) WARC file"):
        list(read_archive(path))
    path.write_bytes(b"<html>not a WARC</html>\n")
    with pytest.raises(SourceError, match="not a WARC file"):
        list(read_archive(path))


def test_a_record_larger_than_a_message_is_refused_before_sending(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    small = orjson.dumps({"id": "a", "body": "b", "published_at": "2020-01-01T00:00:00Z"})
    big = orjson.dumps({"id": "b", "body": "x" * 5_000, "published_at": "2020-01-01T00:00:00Z"})
    path.write_bytes(small + b"\n" + big + b"\n")
    check_archive(path, max_record_bytes=10_000)
    with pytest.raises(
        SourceError, match="big.jsonl:2: a record is larger than NEWSFOLD_MAX_MESSAGE_BYTES"
    ):
        check_archive(path, max_record_bytes=1_000)


def test_replay_refuses_bombs_and_oversized_records_with_a_message(tmp_path: Path) -> None:
    runner = CliRunner()
    bomb = tmp_path / "bomb.rss"
    bomb.write_bytes(BILLION_LAUGHS)
    env = {"NEWSFOLD_BROKER": "kafka://127.0.0.1:1", "NEWSFOLD_MAX_MESSAGE_BYTES": "1000"}
    result = runner.invoke(main, ["replay", "--quiet", str(bomb)], env=env)
    assert result.exit_code == 1 and "declares entities" in result.output
    big = tmp_path / "big.jsonl"
    big.write_bytes(orjson.dumps({"id": "b", "body": "x" * 5_000}) + b"\n")
    get_settings.cache_clear()
    try:
        result = runner.invoke(main, ["replay", "--quiet", str(big)], env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1 and "NEWSFOLD_MAX_MESSAGE_BYTES (1,000 bytes)" in result.output
