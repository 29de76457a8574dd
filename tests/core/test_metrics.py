import pytest

from de06tui.core.metrics import MetricCatalog, default_catalog, load_metric_file
from de06tui.core.problems import DataError


def test_shipped_screens():
    c = default_catalog()
    assert c.problems == []
    assert [m.id for m in c.main()] == ["online_submission_rate", "transparency_score", "sync_to_portal_rate"]
    assert {"total_score", "progress_score", "online_service_score", "online_payment_score",
            "digitisation_score", "satisfaction_score"} <= set(c.ids())
    t = c["transparency_score"]
    assert (t.low, t.high, t.unit, t.top, t.bottom) == (0, 18, "points", 3, 3)


@pytest.mark.parametrize(
    "header, metric",
    [("Tỷ lệ nộp hồ sơ trực tuyến (%)", "online_submission_rate"),
     ("TỶ LỆ NỘP HỒ SƠ TRỰC TUYẾN", "online_submission_rate"),
     ("Điểm công khai minh bạch", "transparency_score"), ("Tỷ lệ đồng bộ", "sync_to_portal_rate"),
     ("ty le dong bo (%)", "sync_to_portal_rate"), ("CKMB_18", "transparency_score"),
     ("TDGQ", "progress_score"), ("Tổng điểm", "total_score")],
)
def test_headers_match_regardless_of_case_and_diacritics(header, metric):
    assert default_catalog().match_column(header) == metric


def test_malformed_screen_names_file_and_key(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('id = "mine"\ntitle = { vi = "A", en = "B" }\nunit = "kg"\nrange = [10, 5]\n')
    with pytest.raises(DataError) as exc:
        load_metric_file(bad)
    text = str(exc.value)
    assert "mine.toml" in text and "'unit'" in text and "'range'" in text


def test_broken_toml_is_reported_and_skipped(tmp_path):
    (tmp_path / "broken.toml").write_text("id = \n")
    cat = MetricCatalog.load([tmp_path])
    assert len(cat) == 0
    assert "broken.toml" in str(cat.problems[0]) and "TOML" in str(cat.problems[0])


def test_user_screen_is_added(tmp_path, monkeypatch):
    user = tmp_path / "screens"
    user.mkdir()
    (user / "x.toml").write_text('id = "payment_rate"\ntitle = { vi = "Tỷ lệ thanh toán", en = "Payment rate" }\n'
                                 'unit = "%"\nrange = [0, 100]\ncolumns = ["Tỷ lệ thanh toán"]\n')
    from de06tui.core.paths import screens_dir

    cat = MetricCatalog.load([screens_dir(), user])
    assert "payment_rate" in cat and cat.match_column("ty le thanh toan") == "payment_rate"
