"""Property tests: whatever bytes arrive, the readers give a dataset or located problems.

The normal suite runs a small profile; `HYPOTHESIS_PROFILE=nightly` runs 10,000 cases each
(the profiles are set in tests/conftest.py).
"""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from de06tui.core.dataset import dataset_from_records, load_bytes

FORMATS = ["csv", "tsv", "json", "parquet", "xlsx", None]


def check(ds) -> None:
    """The contract: either rows, or at least one located error; never both silently."""
    if ds.is_empty:
        assert ds.problems, "an empty result must say why"
    for p in ds.problems:
        assert p.reason and p.severity in ("error", "warning")
        assert str(p)


@given(data=st.binary(max_size=2048), fmt=st.sampled_from(FORMATS))
def test_random_bytes(data, fmt):
    check(load_bytes(data, "fuzz.bin", fmt=fmt))


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2024-10", "T10/2024", "Quý 3/2024", "Cà Mau", "HCM", "79", "85,5", "1.234.567",
                     "85.5%", "nan", "-inf", "1e309", "", " ", "[red]x[/red]", "\x1b[31m", "=1+1"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
header = st.sampled_from(["period", "Kỳ", "province", "Tỉnh/Thành phố", "metric", "value", "numerator",
                          "denominator", "Tỷ lệ đồng bộ", "CKMB", "x", "", "Tổng điểm"])


@given(headers=st.lists(header, min_size=1, max_size=6),
       rows=st.lists(st.lists(cell, min_size=0, max_size=7), max_size=8),
       sep=st.sampled_from([",", ";", "\t", "|"]), bom=st.booleans())
def test_random_csv_shapes(headers, rows, sep, bom):
    def line(cells):
        return sep.join('"' + c.replace('"', '""') + '"' if (sep in c or '"' in c or "\n" in c) else c
                        for c in cells)

    text = "\n".join([line(headers), *(line(r) for r in rows)])
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    check(load_bytes(data, "fuzz.csv"))


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10))
json_value = st.recursive(json_leaf, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
    st.text(max_size=6), kids, max_size=4), max_leaves=30)


@given(doc=json_value)
def test_random_json(doc):
    check(load_bytes(json.dumps(doc).encode(), "fuzz.json"))


def test_deep_json_is_refused_cleanly():
    deep = "[" * 50_000 + "]" * 50_000
    ds = load_bytes(deep.encode(), "deep.json")
    assert ds.is_empty and ds.errors


@given(name=st.text(max_size=30), value=st.floats(allow_nan=True, allow_infinity=True),
       num=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
       den=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
def test_random_records(name, value, num, den):
    rec = {"period": "2024-10", "province": name, "metric": "online_submission_rate", "value": value,
           "numerator": num, "denominator": den}
    ds = dataset_from_records([rec], "fuzz")
    check(ds)
    if not ds.is_empty:
        v = ds.frame["value"].item()
        assert math.isfinite(v) and 0 <= v <= 100
