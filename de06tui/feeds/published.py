"""A published file at a URL: a de06tui feed document, CSV or Parquet."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from de06tui.feeds import FeedResult, _now
from de06tui.feeds.client import FeedClient, FeedError, _where, describe_status, is_html

if TYPE_CHECKING:
    from de06tui.feeds.cache import SnapshotCache

_TYPES = {"application/json": ".json", "text/json": ".json", "text/csv": ".csv",
          "text/tab-separated-values": ".tsv", "application/vnd.apache.parquet": ".parquet",
          "application/x-parquet": ".parquet"}


def file_name(url: str, content_type: str, body: bytes) -> str:
    """A name whose suffix tells the readers the format: from the URL, else the content type."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in (".json", ".csv", ".tsv", ".parquet", ".xlsx"):
        return "feed" + suffix
    if content_type in _TYPES:
        return "feed" + _TYPES[content_type]
    if body[:4] == b"PAR1":
        return "feed.parquet"
    return "feed.json" if body.lstrip()[:1] in (b"{", b"[") else "feed.csv"


def fetch_published(client: FeedClient, url: str, cache: SnapshotCache | None = None) -> FeedResult:
    etag, modified = cache.validators(url) if cache is not None else (None, None)
    answer = client.request("GET", url, etag=etag, last_modified=modified)
    where = _where(url)
    if answer.status == 304:
        return FeedResult(url, b"", "", _now(), where, not_modified=True, retries=answer.retries)
    if answer.status >= 400:
        raise FeedError(describe_status(answer, url), status=answer.status, retries=answer.retries)
    if answer.status != 200:
        raise FeedError(f"unexpected HTTP {answer.status} from {where}", status=answer.status)
    if is_html(answer):
        raise FeedError(f"{where} answered an HTML page, not data (a login or error page?)")
    if not answer.body.strip():
        raise FeedError(f"{where} answered an empty body")
    return FeedResult(url, answer.body, file_name(url, answer.content_type, answer.body), _now(), where,
                      retries=answer.retries, etag=answer.headers.get("etag"),
                      last_modified=answer.headers.get("last-modified"))
