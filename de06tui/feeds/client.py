"""HTTP for feeds: timeouts, a size limit while streaming, retries with backoff, conditional GET.

Every failure becomes a FeedError whose message says what happened in words an operator can act
on; the bearer token never appears in one.
"""

from __future__ import annotations

import email.utils
import functools
import random
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from de06tui import __version__
from de06tui.config import Config

RETRY_STATUSES = {500, 502, 503, 504, 429}


class FeedError(Exception):
    """A feed answer that cannot be used; ``str()`` is the message for the user."""

    def __init__(self, message: str, status: int | None = None, retries: int = 0):
        from de06tui.core.text import clean

        # The boundary for feed failures: whatever a server or a library put in the text, the
        # message holds no token and no control code by the time a toast or stderr shows it.
        super().__init__(clean(message))
        self.status = status
        self.retries = retries


class Cancelled(FeedError):
    pass


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]
    url: str
    retries: int = 0
    elapsed: float = 0.0
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class FeedClient:
    """One configured HTTP client; safe to share between threads."""

    config: Config
    on_retry: Callable[[int, int, str], None] | None = None  # (attempt, of, why)
    cancel: threading.Event | None = None
    _client: httpx.Client = field(init=False, repr=False)  # made in __post_init__
    _deadline: float = field(default=0.0, init=False, repr=False)
    _expired: threading.Event = field(default_factory=threading.Event, init=False, repr=False)

    def __post_init__(self) -> None:
        c = self.config
        headers = {"User-Agent": f"de06tui/{__version__}", "Accept-Encoding": "gzip"}
        if c.token:
            from de06tui.core.text import add_secret

            add_secret(c.token)  # a config built in code, not loaded, is scrubbed from errors too
            headers["Authorization"] = f"Bearer {c.token}"
        self._client = httpx.Client(
            timeout=httpx.Timeout(c.read_timeout, connect=c.connect_timeout),
            follow_redirects=True, max_redirects=5, verify=_tls_context(), headers=headers)
        # One deadline for everything this client does: a server dripping a byte at a time, or a
        # chunked body that never ends, passes every per-read timeout but not this.
        self._deadline = time.monotonic() + c.fetch_deadline

    def _check_deadline(self, url: str) -> None:
        if self._expired.is_set() or time.monotonic() > self._deadline:
            raise FeedError(f"gave up: no complete answer within the {self.config.fetch_deadline:g} s "
                            f"deadline for a fetch (http.fetch_deadline) from {_where(url)}")

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request, with retries ----------------------------------------------------------
    def request(self, method: str, url: str, *, json: dict[str, Any] | None = None, etag: str | None = None,
                last_modified: str | None = None, retry_statuses: set[int] = RETRY_STATUSES) -> Answer:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            self._check_cancel()
            start = time.monotonic()
            try:
                answer = self._once(method, url, json, headers)
            except _Retryable as exc:
                if attempt + 1 >= attempts:
                    raise FeedError(f"{exc.why} ({_where(url)}) after {attempt} retries",
                                    retries=attempt) from None
                self._pause(attempt, None, exc.why, attempts, url)
                continue
            answer.retries, answer.elapsed = attempt, time.monotonic() - start
            if answer.status in retry_statuses and attempt + 1 < attempts:
                self._pause(attempt, answer.headers.get("retry-after"), f"HTTP {answer.status}", attempts, url)
                continue
            return answer
        raise AssertionError("unreachable")

    def _once(self, method: str, url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> Answer:
        self._check_deadline(url)
        left = max(0.01, self._deadline - time.monotonic())
        c = self.config
        timeout = httpx.Timeout(min(c.read_timeout, left), connect=min(c.connect_timeout, left))
        # Per-read timeouts and the checks between chunks cannot stop a server that drips its
        # status line and headers: the library is still inside one call then. A watchdog closes
        # the connections at the deadline, which makes that call fail at its next read.
        watchdog = threading.Timer(left, self._expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._stream(method, url, body, headers, timeout)
        except Exception:
            # Whatever a closed connection made the library raise, the deadline is the reason.
            self._check_deadline(url)
            raise
        finally:
            watchdog.cancel()

    def _expire(self) -> None:
        self._expired.set()
        if self._client is not None:
            self._client.close()

    def _stream(self, method: str, url: str, body: dict[str, Any] | None, headers: dict[str, str],
                timeout: httpx.Timeout) -> Answer:
        limit = self.config.max_response_bytes
        try:
            with self._client.stream(method, url, json=body, headers=headers, timeout=timeout) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit and "gzip" not in \
                        resp.headers.get("content-encoding", ""):
                    raise FeedError(f"answer of {int(declared):,} bytes is over the {limit:,}-byte limit "
                                    f"({_where(url)})", status=resp.status_code)
                # Decompressed here, never more than the limit at a time: a gzip bomb expands
                # a thousand-fold, so even one network chunk must not be expanded whole.
                inflater = _Inflater(resp.headers.get("content-encoding", ""), limit, url)
                for chunk in resp.iter_raw():
                    inflater.feed(chunk, resp.status_code)
                    self._check_cancel()
                    self._check_deadline(url)
                return Answer(resp.status_code, inflater.finish(resp.status_code),
                              {k.lower(): v for k, v in resp.headers.items()}, str(resp.url),
                              not_modified=resp.status_code == 304)
        except httpx.TooManyRedirects:
            raise FeedError(f"too many redirects: the server sends requests round in a loop ({_where(url)})") \
                from None
        except httpx.ConnectTimeout:
            raise _Retryable("no connection within the connect timeout") from None
        except httpx.ReadTimeout:
            self._check_deadline(url)
            raise _Retryable(f"no answer within the {self.config.read_timeout:g} s read timeout") from None
        except httpx.ConnectError as exc:
            why = "connection refused" if "refused" in str(exc).lower() else f"cannot connect: {_short(exc)}"
            raise _Retryable(why) from None
        except httpx.RemoteProtocolError as exc:
            if "too long" in str(exc).lower() or "too large" in str(exc).lower():
                raise FeedError(f"the server's answer headers are too large to accept ({_where(url)})") \
                    from None
            raise _Retryable("the connection closed before the whole answer arrived (truncated)") from None
        except httpx.DecodingError:
            raise FeedError(f"the answer's compression is broken ({_where(url)})") from None
        except httpx.InvalidURL as exc:
            raise FeedError(f"not a usable URL: {_short(exc)}") from None
        except httpx.UnsupportedProtocol:
            raise FeedError(f"not an http(s) URL: {_where(url)}") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"network error: {_short(exc)}") from None

    def _pause(self, attempt: int, retry_after: str | None, why: str, attempts: int, url: str) -> None:
        delay = _retry_after(retry_after)
        cap = self.config.max_retry_after
        if delay is not None and delay > cap:
            # Waiting less than asked only earns another refusal: say what was asked, and stop.
            when = time.strftime("%H:%M UTC", time.gmtime(time.time() + delay))
            raise FeedError(f"{why} from {_where(url)}: the server asks to wait {delay:,.0f} s "
                            f"(Retry-After), more than the {cap:g} s cap (http.max_retry_after); "
                            f"try again after {when}", retries=attempt)
        if delay is None:
            delay = self.config.backoff * (2 ** attempt)
            delay += random.uniform(0, delay / 2)  # jitter: clients that failed together retry apart
        delay = min(delay, cap)
        if time.monotonic() + delay > self._deadline:
            raise FeedError(f"{why} from {_where(url)}; gave up: a retry would pass the "
                            f"{self.config.fetch_deadline:g} s deadline for a fetch (http.fetch_deadline)",
                            retries=attempt)
        if self.on_retry:
            self.on_retry(attempt + 1, attempts - 1, why)
        if self.cancel is not None:
            if self.cancel.wait(delay):
                raise Cancelled("refresh cancelled")
        else:
            time.sleep(delay)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("refresh cancelled")


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: loading the CA bundle costs ~25 ms each time."""
    return httpx.create_ssl_context()


class _Retryable(Exception):
    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _where(url: str) -> str:
    """A URL for messages: no user info, no query string (either may carry a secret)."""
    try:
        u = httpx.URL(url)
        return str(u.copy_with(username=None, password=None, query=None, fragment=None))
    except Exception:  # an unparsable URL is shown as it was given, minus anything after '?'
        return url.split("?", 1)[0]


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def is_html(answer: Answer) -> bool:
    head = answer.body[:256].lstrip().lower()
    return answer.content_type in ("text/html", "application/xhtml+xml") or head.startswith(
        (b"<!doctype html", b"<html"))


def describe_status(answer: Answer, url: str) -> str:
    reason = {400: "bad request", 401: "not authorised (check the token)", 403: "forbidden",
              404: "not found", 429: "too many requests", 500: "server error", 502: "bad gateway",
              503: "service unavailable", 504: "gateway timeout"}.get(answer.status, "error")
    msg = f"HTTP {answer.status} {reason} from {_where(url)}"
    if answer.retries:
        msg += f" after {answer.retries} retries"
    if is_html(answer):
        msg += " (an HTML page: a firewall or login page?)"
    return msg


class _Inflater:
    """The answer's body, decompressed as it arrives and stopped at the size limit."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        encoding = encoding.strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FeedError(f"the answer uses {encoding[:20]!r} compression, which was not asked for "
                            f"({_where(url)})")
        self.packed = encoding not in ("", "identity")
        self.wbits = 47 if encoding != "deflate" else 15  # 47: gzip or zlib header, told apart
        self.inflater = zlib.decompressobj(self.wbits) if self.packed else None
        self.limit, self.url = limit, url
        self.parts: list[bytes] = []
        self.size = 0

    def _add(self, data: bytes, status: int) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FeedError(f"answer larger than the {self.limit:,}-byte limit ({_where(self.url)})",
                            status=status)
        self.parts.append(data)

    def feed(self, raw: bytes, status: int) -> None:
        if self.inflater is None:  # not packed
            self._add(raw, status)
            return
        try:
            while raw:
                # At most what still fits (plus one byte to notice going over) per step.
                out = self.inflater.decompress(raw, self.limit - self.size + 1)
                self._add(out, status)
                raw = self.inflater.unconsumed_tail
                if self.inflater.eof and self.inflater.unused_data:  # another gzip member follows
                    raw = self.inflater.unused_data
                    self.inflater = zlib.decompressobj(self.wbits)
        except zlib.error:
            raise FeedError(f"the answer's compression is broken ({_where(self.url)})") from None

    def finish(self, status: int) -> bytes:
        if self.inflater is not None and not self.inflater.eof and self.size:
            raise FeedError(f"the answer's compression is broken: it ends early ({_where(self.url)})")
        return b"".join(self.parts)
