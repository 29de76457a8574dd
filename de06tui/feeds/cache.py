"""The last good answer of each feed, on disk, so the app starts on it and survives a bad refresh.

Each snapshot is two files written atomically (temporary file, fsync, rename): the raw bytes
and a small JSON record with their SHA-256, the fetch time and the validators for conditional
GET. The record is written last and names the checksum of the bytes it belongs to, so a crash
between the two writes leaves either the old snapshot or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from de06tui.core.export import atomic_write

# Query parameters that carry a credential by their name; their values never reach the disk.
_SECRET_PARAM = re.compile(r"(?i)(token|key|secret|pass|pwd|auth|sig|session|credential|bearer|jwt)")


def feed_identity(feed: str) -> str:
    """The feed as the cache names it: a URL without user info and without secret-looking query
    values, so a ``user:pass@`` or a ``?token=`` never becomes part of a file name or a record."""
    if "://" not in feed:
        return feed
    try:
        parts = urlsplit(feed)
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if parts.port is not None:
            netloc += f":{parts.port}"
        query = [(k, "" if _SECRET_PARAM.search(k) else v)
                 for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), ""))
    except ValueError:
        return feed.split("?", 1)[0].rsplit("@", 1)[-1]


@dataclass(frozen=True)
class Snapshot:
    feed: str
    data: bytes
    fetched_at: str
    sha256: str
    name: str  # what the bytes are (for the reader's format detection)
    etag: str | None = None
    last_modified: str | None = None


class SnapshotCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @staticmethod
    def key(feed: str) -> str:
        """A file-name-safe key; the feed URL itself is hashed (it may be long or odd)."""
        feed = feed_identity(feed)
        slug = re.sub(r"[^a-z0-9]+", "-", feed.lower().split("://")[-1])[:40].strip("-")
        return f"{slug}-{hashlib.sha256(feed.encode()).hexdigest()[:12]}"

    def _paths(self, feed: str) -> tuple[Path, Path]:
        k = self.key(feed)
        return self.folder / f"{k}.json", self.folder / f"{k}.meta.json"

    def save(self, feed: str, data: bytes, fetched_at: str, name: str, etag: str | None = None,
             last_modified: str | None = None) -> Snapshot:
        digest = hashlib.sha256(data).hexdigest()
        body, meta = self._paths(feed)
        # Bytes go in a file named by their checksum; the record pointing at them is the commit.
        blob = body.with_name(f"{body.stem}.{digest[:16]}.bin")
        atomic_write(blob, data)
        record = {"feed": feed_identity(feed), "sha256": digest, "fetched_at": fetched_at, "name": name,
                  "etag": etag, "last_modified": last_modified, "blob": blob.name}
        atomic_write(meta, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        # Only now is the old snapshot unreferenced; also sweep what an interrupted write left.
        for stale in self.folder.glob(f"{body.stem}.*.bin"):
            if stale != blob:
                stale.unlink(missing_ok=True)
        for temp in self.folder.glob(f".{body.stem}.*"):
            temp.unlink(missing_ok=True)
        return Snapshot(feed, data, fetched_at, digest, name, etag, last_modified)

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified of the cached snapshot, read without loading its bytes."""
        _, meta = self._paths(feed)
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
            if not meta.with_name(record["blob"]).exists():
                return None, None
            return record.get("etag"), record.get("last_modified")
        except (OSError, ValueError, KeyError, TypeError):
            return None, None

    def load(self, feed: str) -> tuple[Snapshot | None, str | None]:
        """The snapshot, or None; the second value says why a snapshot present was not used."""
        _, meta = self._paths(feed)
        shown = feed_identity(feed)
        if not meta.exists():
            return None, None
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
            data = meta.with_name(record["blob"]).read_bytes()
            if hashlib.sha256(data).hexdigest() != record["sha256"]:
                return None, f"cached copy of {shown} is corrupt (checksum mismatch); ignored"
            return Snapshot(feed, data, record["fetched_at"], record["sha256"], record["name"],
                            record.get("etag"), record.get("last_modified")), None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return None, f"cached copy of {shown} is unreadable ({type(exc).__name__}); ignored"
