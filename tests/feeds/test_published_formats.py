"""Published feeds in CSV and Parquet, served over HTTP on 127.0.0.1: read by their suffix, or
by the content type or the bytes when the URL has none; a bad row is named; 304 keeps the data."""

from __future__ import annotations

import io

import polars as pl
import pytest

from de06tui.feeds import refresh
from de06tui.feeds.client import FeedError

from .conftest import FEED_DOC

RECORDS = FEED_DOC["records"]


def csv_body(sep: str = ",") -> bytes:
    lines = [sep.join(["Kỳ", "Tỉnh/Thành phố", "Chỉ số", "Giá trị"])]
    lines += [sep.join([r["period"], r["province"], r["metric"], f"{r['value']:.2f}"]) for r in RECORDS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def parquet_body() -> bytes:
    out = io.BytesIO()
    pl.DataFrame(RECORDS).write_parquet(out)
    return out.getvalue()


def expected() -> dict[str, float]:
    return {r["province"]: round(r["value"], 2) for r in RECORDS}


def values(ds) -> dict[str, float]:
    frame = ds.frame.filter(pl.col("metric") == "transparency_score")
    return {p: round(v, 2) for p, v in zip(frame["province"], frame["value"])}


@pytest.mark.parametrize("path, body, ctype", [
    ("/leaderboard.csv", csv_body(), "text/csv"),
    ("/leaderboard.csv", csv_body(";"), "text/csv; charset=utf-8"),
    ("/export", csv_body(), "text/csv"),  # no suffix: the content type says CSV
    ("/leaderboard.parquet", parquet_body(), "application/octet-stream"),
    ("/latest", parquet_body(), "application/octet-stream"),  # no suffix, no type: the bytes say Parquet
], ids=["csv", "csv-semicolon", "csv-by-type", "parquet", "parquet-by-bytes"])
def test_csv_and_parquet_feeds(server, config, path, body, ctype):
    server.files[path] = (body, ctype)
    ds, result = refresh(server.url + path, config)
    assert not ds.errors and values(ds) == expected()
    assert ds.provenance.kind == "feed" and ds.provenance.sources == (server.url + path,)
    again, result = refresh(server.url + path, config)
    assert result.not_modified and again.frame.equals(ds.frame)


def test_a_bad_csv_row_is_named_and_the_answer_refused(server, config):
    body = csv_body().decode().splitlines()
    body[5] = body[5].rsplit(",", 1)[0] + ",lots"  # line 6 of the file, counting the header
    server.files["/leaderboard.csv"] = ("\n".join(body).encode(), "text/csv")
    with pytest.raises(FeedError) as exc:
        refresh(server.url + "/leaderboard.csv", config)
    message = str(exc.value)
    assert "rejected" in message and "row 6" in message and "'Giá trị'" in message and "'lots'" in message


def test_a_truncated_parquet_file_is_refused(server, config):
    server.files["/leaderboard.parquet"] = (parquet_body()[:200], "application/octet-stream")
    with pytest.raises(FeedError) as exc:
        refresh(server.url + "/leaderboard.parquet", config)
    assert "rejected" in str(exc.value)
