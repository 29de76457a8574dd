"""Feeds: a published file at a URL, or the national portal; fetched, validated, cached.

Nothing heavy is imported here; httpx and polars load when a feed is first used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from de06tui.config import Config
    from de06tui.core.dataset import Dataset
    from de06tui.feeds.cache import SnapshotCache
    from de06tui.feeds.client import FeedClient, FeedError

PORTAL = "dvcqg"


@dataclass
class FeedResult:
    """One fetch: the raw bytes (what is cached and validated) and what happened on the way."""

    feed: str
    data: bytes
    name: str  # a file name telling the readers the format
    fetched_at: str
    source: str
    not_modified: bool = False
    retries: int = 0
    warnings: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    recorded: str | None = None  # what the history made of it: "recorded", "unchanged" or "failed: …"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def feed_error() -> type[FeedError]:
    from de06tui.feeds.client import FeedError

    return FeedError


def fetch_feed(spec: str, config: Config, period: str | None = None,
               progress: Callable[[int, int], None] | None = None,
               on_retry: Callable[[int, int, str], None] | None = None,
               cancel: threading.Event | None = None,
               cache: SnapshotCache | None = None) -> FeedResult:
    """Fetch once (blocking; run it in a worker). Raises FeedError with a message for the user."""
    from de06tui.feeds.client import FeedClient

    with FeedClient(config, on_retry=on_retry, cancel=cancel) as client:
        if spec == PORTAL:
            result = _fetch_portal(client, config, period, progress)
        else:
            from de06tui.feeds.published import fetch_published

            result = fetch_published(client, spec, cache)
    if config.token and config.token.encode("utf-8") in result.data:
        # A server that reflects request headers back would put the token into cells, messages
        # and the cache; such an answer is refused before anything reads it.
        raise feed_error()(f"answer from {result.source} rejected: it contains the feed's token "
                           "(the server echoed it back)")
    return result


def _fetch_portal(client: FeedClient, config: Config, period: str | None,
                  progress: Callable[[int, int], None] | None) -> FeedResult:
    import json

    from de06tui.core import periods as P
    from de06tui.core.export import FEED_SCHEMA
    from de06tui.feeds.dvcqg import fetch_portal

    period = P.parse_period(period) if period else str(datetime.now().year)
    records, warnings = fetch_portal(config, period, progress, client)
    source = f"{config.dvcqg_base_url.rstrip('/')} (national portal, {period})"
    doc = {"schema": FEED_SCHEMA, "generated_at": _now(), "source": source, "synthetic": False,
           "records": records}
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return FeedResult(PORTAL, data, "dvcqg.json", _now(), source, warnings=warnings)


def cache_for(config: Config) -> SnapshotCache:
    from de06tui.core.paths import cache_dir
    from de06tui.feeds.cache import SnapshotCache

    return SnapshotCache(cache_dir() / "feeds")


def validate_answer(result: FeedResult) -> Dataset:
    """The answer as a dataset, or FeedError: an answer with any error is rejected whole."""
    from de06tui.core.dataset import FEED, load_bytes

    ds = load_bytes(result.data, result.name, kind=FEED)
    if ds.errors or ds.is_empty:
        shown = "; ".join(str(p) for p in ds.errors[:3]) or "no data"
        more = f" (and {len(ds.errors) - 3} more)" if len(ds.errors) > 3 else ""
        raise feed_error()(f"answer from {result.source} rejected: {shown}{more}")
    return relabel(ds, result)


def relabel(ds: Dataset, result: FeedResult) -> Dataset:
    from dataclasses import replace

    prov = replace(ds.provenance, sources=(result.source,), generated_at=result.fetched_at)
    return replace(ds, provenance=prov)


# Checksums of cached copies that loaded and validated in this process: only such a copy's
# validators are sent, so a server's 304 can never pin a damaged or outdated copy.
_TRUSTED: set[str] = set()


def refresh(spec: str, config: Config, period: str | None = None, keep_now: bool = True,
            record_now: bool = True, **kw: Any) -> tuple[Dataset, FeedResult]:
    """Fetch, validate, record in the history, and only then replace the cached snapshot.
    Raises FeedError.

    ``keep_now=False`` leaves the snapshot to ``keep(result, config)`` and ``record_now=False``
    the history to ``record(ds, result)``, so an app can paint first (then record, then keep).
    """
    cache = cache_for(config)
    distrust = None if spec == PORTAL else _distrust(spec, config, cache)
    result = fetch_feed(spec, config, period=period, cache=None if distrust else cache, **kw)
    if distrust:
        result.warnings.append(f"{distrust}; fetched the whole feed again")
    if result.not_modified:
        snap, why = cache.load(spec)
        if snap is None or snap.sha256 not in _TRUSTED:
            raise feed_error()(f"{result.source} answered 304 Not Modified, but the cached copy it "
                               f"refers to cannot be used ({why or 'it changed since it was checked'})")
        result.data, result.name = snap.data, snap.name
        return validate_answer(result), result
    ds = validate_answer(result)
    if record_now:
        record(ds, result)
    if keep_now:
        try:
            keep(result, config)
        except OSError as exc:
            result.warnings.append(f"cache not written: {cache_failure(exc)}")
    return ds, result


def _distrust(spec: str, config: Config, cache: SnapshotCache) -> str | None:
    """Why the cached copy's validators must not be sent, or None when they may (or none exist)."""
    etag, modified = cache.validators(spec)
    if not etag and not modified:
        return None
    snap, why = cache.load(spec)
    if snap is not None and snap.sha256 in _TRUSTED:
        return None
    ds, why = load_cached(spec, config)
    return None if ds is not None else why or "the cached copy is missing"


def cache_failure(exc: OSError) -> str:
    """An OSError from writing the cache in words: what failed and where, no traceback."""
    import errno

    why = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied",
           errno.ENOTDIR: "a file stands where a folder should be",
           errno.EEXIST: "a file stands where a folder should be"}.get(exc.errno or 0)
    where = exc.filename or ""
    return f"{why or exc.strerror or exc}" + (f" ({where})" if where else "")


def record(ds: Dataset, result: FeedResult) -> None:
    """Keep an accepted answer in the history; ``result.recorded`` says how that went, and what
    the history could not keep becomes a warning of the result's."""
    from de06tui.history.record import record_fetch

    result.recorded = record_fetch(ds, result)


def keep(result: FeedResult, config: Config) -> None:
    """Make a validated answer the feed's cached snapshot (never call it for an unvalidated one)."""
    if not result.not_modified:
        snap = cache_for(config).save(result.feed, result.data, result.fetched_at, result.name,
                                      result.etag, result.last_modified)
        _TRUSTED.add(snap.sha256)


def load_cached(spec: str, config: Config) -> tuple[Dataset | None, str | None]:
    """The last good snapshot of a feed as a dataset, and why not when there is none usable."""
    from de06tui.feeds.cache import feed_identity

    snap, why = cache_for(config).load(spec)
    if snap is None:
        return None, why
    shown = feed_identity(spec)
    result = FeedResult(spec, snap.data, snap.name, snap.fetched_at, shown)
    try:
        ds = validate_answer(result)
    except Exception as exc:  # a snapshot that no longer validates (say, new rules) is not fatal
        return None, f"cached copy of {shown} no longer validates: {exc}"
    _TRUSTED.add(snap.sha256)
    return ds, None
