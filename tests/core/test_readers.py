"""Readers and validation: formats, shapes, spellings of values, and located problems."""

import json

import polars as pl
import pytest

from de06tui.core.dataset import load_paths

WIDE_VI = (
    "Kỳ;Tỉnh/Thành phố;Tỷ lệ nộp hồ sơ trực tuyến (%);Điểm công khai minh bạch;Tỷ lệ đồng bộ\n"
    "T10/2024;Bình Định;85,5;12,3;\" 99.1% \"\n"
    "Tháng 10/2024;TP. Hồ Chí Minh;80.1%;15;97\n"
)


def values(ds, province, metric):
    row = ds.frame.filter((pl.col("province") == province) & (pl.col("metric") == metric))
    return row.row(0, named=True)


def test_wide_vietnamese_semicolon_with_bom(write):
    ds = load_paths([write("w.csv", "\ufeff" + WIDE_VI)])
    assert ds.errors == []
    assert values(ds, "52", "online_submission_rate")["value"] == 85.5
    assert values(ds, "52", "sync_to_portal_rate")["value"] == 99.1
    assert values(ds, "79", "transparency_score")["value"] == 15.0
    assert set(ds.frame["period"]) == {"2024-10"}
    # 61 provinces are missing from the period: a warning, the data loads
    assert any("61 of 63 provinces" in str(w) for w in ds.warnings)


def test_long_form_with_thousands_separators(write):
    text = ("period,province,metric,value,numerator,denominator\n"
            '2024-10,79,online_submission_rate,,"1.234.567","2.000.000"\n'
            '2024-10,Hà Nội,online_submission_rate,50,"1,000,000","2,000,000"\n'
            "2024-10,Cà Mau,transparency_score, 12.5 ,,\n")
    ds = load_paths([write("l.csv", text)])
    assert ds.errors == []
    hcm = values(ds, "79", "online_submission_rate")
    assert hcm["numerator"] == 1234567 and hcm["denominator"] == 2000000
    assert hcm["value"] == pytest.approx(61.72835)  # computed from the counts
    assert values(ds, "01", "online_submission_rate")["denominator"] == 2_000_000
    assert values(ds, "96", "transparency_score")["value"] == 12.5


def test_tsv_json_feed_parquet_xlsx_and_folder(tmp_path):
    rows = [{"period": "2024-10", "province": "Bạc Liêu", "metric": "online_submission_rate", "value": 40.5},
            {"period": "2024-10", "province": "95", "metric": "transparency_score", "value": 9}]
    (tmp_path / "a.tsv").write_text("period\tprovince\tmetric\tvalue\n2024-09\tBạc Liêu\tCKMB\t9.5\n")
    (tmp_path / "b.json").write_text(json.dumps(rows, ensure_ascii=False))
    (tmp_path / "c.json").write_text(json.dumps({"schema": "de06tui.feed/1", "generated_at": "x",
                                                 "source": "t", "records": [dict(rows[0], period="2024-08")]}))
    pl.DataFrame([dict(r, period="2024-07") for r in rows]).write_parquet(tmp_path / "d.parquet")
    pl.DataFrame([dict(r, period="2024-06") for r in rows]).write_excel(tmp_path / "e.xlsx")
    ds = load_paths([tmp_path])
    assert ds.errors == []
    assert sorted(ds.frame["period"].unique()) == ["2024-06", "2024-07", "2024-08", "2024-09", "2024-10"]
    assert set(ds.frame["province"]) == {"95"}
    assert len(ds.provenance.sources) == 5


def test_all_problems_are_located_and_reported(write):
    text = ("period,province,metric,value\n"
            "2024-10,Gotham,online_submission_rate,50\n"
            "2024-10,Cà Mau,online_submission_rate,50\n"
            "2024-10,Ca Mau,online_submission_rate,51\n"
            "2024-10,Bạc Liêu,online_submission_rate,150\n"
            "2024-10,Hà Nội,transparency_score,abc\n"
            "13/2024,Hà Nội,online_submission_rate,5\n"
            "2024-10,Hà Nội,happiness,5\n")
    path = write("bad.csv", text)
    ds = load_paths([path])
    msgs = [str(p) for p in ds.errors]
    assert ds.frame.height == 0 and ds.rejected == (str(path),)
    expect = [("row 2", "unknown province 'Gotham'"), ("row 4", "duplicate of row 3"),
              ("row 5", "outside online_submission_rate's range"), ("row 6", "not a number"),
              ("row 7", "month 13"), ("row 8", "unknown metric 'happiness'")]
    for row, reason in expect:
        assert any(str(path) in m and row in m and reason in m for m in msgs), (row, reason, msgs)


@pytest.mark.parametrize(
    "text, reason",
    [("", "empty"), ("period,province,metric,value\n", "no data rows"),
     ("period,metric,value\n2024-10,x,1\n", "missing column 'province'"),
     ("period,province,metric,value,numerator,denominator\n2024-10,01,sync_rate,,10,9\n",
      "greater than denominator"),
     ("period,province,metric,value\n2025-08,Long An,sync_rate,95\n", "mixes in another era"),
     ("period,province,metric,value\n2025-08,77,sync_rate,95\n", "mixes in another era"),
     ("period,province,foo\n2024-10,01,3\n", "no metric column"),
     ("period,province,metric,value\n2024-10,01,sync_rate,inf\n", "not a number"),
     ("period,province,metric,value\n2024-10,01,sync_rate,nan\n", "not a number")],
)
def test_each_problem_kind(write, text, reason):
    ds = load_paths([write("f.csv", text)])
    assert ds.errors, text
    assert any(reason in str(p) for p in ds.errors), [str(p) for p in ds.errors]
    assert all("f.csv" in str(p) for p in ds.errors)


def test_broken_binary_and_json_files(write, tmp_path):
    (tmp_path / "x.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "x.json").write_text('{"records": [1, 2')
    (tmp_path / "y.json").write_text('{"something": []}')
    (tmp_path / "z.csv").write_bytes(b"period,province\n\xff\xfe,1\n")
    ds = load_paths([tmp_path])
    by_file = {p.file.rsplit("/", 1)[-1]: str(p) for p in ds.errors}
    assert "cannot read as PARQUET" in by_file["x.parquet"]
    assert "cannot read as XLSX" in by_file["x.xlsx"]
    assert "invalid JSON" in by_file["x.json"] and "line 1" in by_file["x.json"]
    assert "'records'" in by_file["y.json"]
    assert "not UTF-8" in by_file["z.csv"]


def test_rejected_file_does_not_hide_good_ones(write):
    good = write("good.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    bad = write("bad.csv", "period,province,metric,value\n2024-10,Nowhere,CKMB,10\n")
    ds = load_paths([good, bad])
    assert ds.frame.height == 1 and ds.rejected == (str(bad),)


def test_markup_in_data_is_kept_as_text_in_messages(write):
    ds = load_paths([write("m.csv", "period,province,metric,value\n2024-10,[red]x[/red]\x1b[31m,CKMB,1\n")])
    msg = str(ds.errors[0])
    assert "[red]x[/red]" in msg and "\x1b" not in msg
