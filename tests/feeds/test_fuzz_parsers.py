"""Property tests of what a feed answers: the published-feed check and the portal's parsers.

Whatever arrives, the result is a dataset or a FeedError naming what is wrong; the portal parsers
give records or a PortalShapeError, and their records pass validation or are reported there.
Random documents, and the recorded real answers with one part replaced, removed or retyped.
"""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st

from de06tui.core.dataset import dataset_from_records
from de06tui.feeds import FeedResult, validate_answer
from de06tui.feeds.client import FeedError
from de06tui.feeds.dvcqg import PortalShapeError, parse_online_tree, parse_service_results, parse_transparency

from .replay import NATIONAL, ONLINE, PHU_THO, TRANSPARENCY

leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
                 st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                 st.sampled_from(["OK", "ERROR", "DOSSIER_SYNC", PHU_THO, "79", "1e309", "NaN", "[b]x[/b]",
                                  "\x1b]8;;http://x\x1b\\", "=cmd()"]))
value = st.recursive(leaf, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
    st.text(max_size=8) | st.sampled_from(["code", "data", "records", "schema", "evaluation", "period"]),
    kids, max_size=4), max_leaves=25)


def answer(data: bytes, name: str) -> FeedResult:
    return FeedResult(feed="http://127.0.0.1/feed", data=data, name=name, fetched_at="2026-11-01T00:00:00Z",
                      source="http://127.0.0.1/feed")


def checked(result: FeedResult) -> None:
    try:
        ds = validate_answer(result)
    except FeedError as exc:
        assert "rejected" in str(exc) and str(exc).strip()
    else:
        assert not ds.is_empty and not ds.errors


@given(data=st.binary(max_size=2048), name=st.sampled_from(["feed.json", "feed.csv", "feed.parquet", "feed"]))
def test_published_answer_of_random_bytes(data, name):
    checked(answer(data, name))


@given(doc=value)
def test_published_answer_of_random_json(doc):
    checked(answer(json.dumps(doc).encode(), "feed.json"))


@given(records=st.lists(st.fixed_dictionaries(
    {"period": st.sampled_from(["2026-10", "2026", "T10/2026", "13/2026", ""]),
     "province": st.sampled_from(["79", "Cà Mau", "HCM", "H44", "Atlantis", ""]),
     "metric": st.sampled_from(["online_submission_rate", "total_score", "nope"]),
     "value": leaf}), max_size=6))
def test_published_feed_document_with_random_records(records):
    doc = {"schema": "de06tui.feed/1", "generated_at": "2026-11-01T00:00:00Z", "records": records}
    checked(answer(json.dumps(doc).encode(), "feed.json"))


def paths(doc, prefix=()):
    """Every place in a JSON document, to replace or remove one of them."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:3]):  # the first few rows stand for the rest
            yield from paths(v, (*prefix, i))


def mutated(doc, where, new, remove):
    doc = copy.deepcopy(doc)
    if not where:
        return new
    parent = doc
    for step in where[:-1]:
        parent = parent[step]
    if remove and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = new
    return doc


def portal_records(parse, doc) -> list[dict]:
    try:
        out = parse(doc)
    except PortalShapeError as exc:
        assert str(exc).strip()
        return []
    return out


def passes_validation(records: list[dict]) -> None:
    ds = dataset_from_records(records, "fuzz")
    assert not ds.is_empty or ds.problems or not records
    for p in ds.problems:
        assert p.reason and str(p)


NATIONAL_PATHS = list(paths(NATIONAL))
TRANSPARENCY_PATHS = list(paths(TRANSPARENCY))
ONLINE_PATHS = list(paths(ONLINE))


@given(where=st.sampled_from(NATIONAL_PATHS), new=value, remove=st.booleans())
def test_service_results_with_one_part_changed(where, new, remove):
    out = portal_records(lambda d: parse_service_results(d, "2026")[0], mutated(NATIONAL, where, new, remove))
    passes_validation(out)


@given(where=st.sampled_from(TRANSPARENCY_PATHS), new=value, remove=st.booleans())
def test_transparency_with_one_part_changed(where, new, remove):
    rec = portal_records(lambda d: [parse_transparency(d, "2026", PHU_THO, "H44")],
                         mutated(TRANSPARENCY, where, new, remove))
    passes_validation([r for r in rec if r is not None])


@given(where=st.sampled_from(ONLINE_PATHS), new=value, remove=st.booleans())
def test_online_tree_with_one_part_changed(where, new, remove):
    rec = portal_records(lambda d: [parse_online_tree(d, "2026", PHU_THO, "H44")],
                         mutated(ONLINE, where, new, remove))
    passes_validation([r for r in rec if r is not None])


@given(doc=value)
def test_portal_parsers_on_random_documents(doc):
    portal_records(lambda d: parse_service_results(d, "2026")[0], doc)
    portal_records(lambda d: [parse_transparency(d, "2026", PHU_THO, "H44")], doc)
    portal_records(lambda d: [parse_online_tree(d, "2026", PHU_THO, "H44")], doc)
