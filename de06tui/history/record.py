"""Turning an accepted fetch into snapshots: one per period the answer holds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from de06tui.core import periods as P
from de06tui.core.text import clean
from de06tui.history.snapshot import SnapshotInfo, describe, rows_of
from de06tui.history.store import RECORDED, UNCHANGED, Store, StoreError

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.feeds import FeedResult

PORTAL = "dvcqg"


def source_key(spec: str) -> str:
    """A folder-safe name of a feed: "dvcqg", or the URL's host and a short hash of the URL."""
    if spec == PORTAL:
        return PORTAL
    host = "".join(c if c.isalnum() or c in ".-" else "-" for c in (urlsplit(spec).hostname or "feed"))
    return f"{host}-{hashlib.sha256(spec.encode('utf-8')).hexdigest()[:8]}"


def source_label(spec: str, shown: str) -> str:
    """Where a snapshot came from, for people: never a query string or user info (either may hold a secret)."""
    if spec == PORTAL:
        return clean(shown)[:200]
    u = urlsplit(spec)
    return clean(f"{u.scheme}://{u.hostname or ''}{f':{u.port}' if u.port else ''}{u.path}")[:200]


def source_as_of(data: bytes, name: str, last_modified: str | None) -> str | None:
    """The source's own time: a feed document's generated_at, else the HTTP Last-Modified."""
    if name.endswith(".json"):
        try:
            doc = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("generated_at"), str):
            return clean(doc["generated_at"])[:40]
    return clean(last_modified)[:40] if last_modified else None


def expected_units(ds: Dataset, period: str) -> set[str] | None:
    """The registry's provinces of the period's map, when the data is about provinces."""
    codes = {p.code for p in ds.registry.provinces(P.era(period))}
    present = set(ds.frame["province"].cast(str).unique().to_list())
    return codes if present <= codes else None


def record_dataset(ds: Dataset, *, spec: str, shown_source: str, fetched: datetime,
                   as_of: str | None = None, required_metrics: tuple[str, ...] | None = None,
                   store: Store | None = None) -> list[tuple[str, SnapshotInfo]]:
    """Append one snapshot per period of ``ds``; returns (outcome, SnapshotInfo) per period."""
    store = store or Store()
    out = []
    for period in ds.periods():
        rows = rows_of(ds.frame, period)
        info = describe(rows, source=source_key(spec), source_label=source_label(spec, shown_source),
                        period=period, fetched=fetched, source_as_of=as_of,
                        synthetic=ds.provenance.synthetic, expected_units=expected_units(ds, period),
                        required_metrics=required_metrics)
        done = store.append(info, rows)
        out.append((done.outcome, done.info))
    return out


def summary(outcomes: Sequence[tuple[str, object]]) -> str:
    """RECORDED when anything new was kept, else UNCHANGED."""
    return RECORDED if any(o == RECORDED for o, _ in outcomes) else UNCHANGED


__all__ = ["StoreError", "record_dataset", "source_as_of", "source_key", "source_label", "summary"]


def record_fetch(ds: Dataset, result: FeedResult, store: Store | None = None) -> str:
    """Keep an accepted feed answer (a FeedResult) in the history: RECORDED, UNCHANGED, or
    "failed: why". A store that cannot be written costs the history, not the fetch: a warning."""
    required = None
    if result.feed == PORTAL:
        from de06tui.feeds.dvcqg import GROUPS

        required = ("total_score", *GROUPS.values())
    try:
        fetched = datetime.fromisoformat(result.fetched_at)
        outcomes = record_dataset(ds, spec=result.feed, shown_source=result.source, fetched=fetched,
                                  as_of=source_as_of(result.data, result.name, result.last_modified)
                                  if result.feed != PORTAL else None,
                                  required_metrics=required, store=store)
    except (OSError, StoreError, ValueError) as exc:
        why = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) and exc.strerror else str(exc)
        result.warnings.append(f"not kept in the history: {clean(why)[:200]}")
        return f"failed: {clean(why)[:200]}"
    partial = [info for _, info in outcomes if not info.complete]
    for info in partial:
        result.warnings.append(f"history: {info.period} kept as partial ({info.missing})")
    return summary(outcomes)
