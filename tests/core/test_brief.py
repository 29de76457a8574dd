"""The brief's sentences, on data built in the test; every expected name and count worked out by hand."""

from de06tui.core.brief import LEAD, brief_lines, brief_sentence
from de06tui.core.dataset import dataset_from_records
from de06tui.core.registry import default_registry

ONLINE, SYNC, CKMB = "online_submission_rate", "sync_to_portal_rate", "transparency_score"
CODES_63 = [p.code for p in default_registry().provinces(63)]


def rec(period, province, metric, value, **extra):
    return dict(period=period, province=province, metric=metric, value=value, **extra)


def test_list_form_names_the_top_three_and_the_lowest_province():
    # Bình Định 52, Bắc Giang 24, Cà Mau 96 lead; Bạc Liêu 95 is last; 59 others in between.
    values = {c: 50.0 for c in CODES_63}
    values.update({"52": 99.0, "24": 98.0, "96": 97.0, "95": 10.0})
    ds = dataset_from_records([rec("2024-10", c, ONLINE, v) for c, v in values.items()], "t")
    assert brief_sentence(ds, ONLINE, "2024-10", "vi") == (
        "3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất, gồm: Bình Định, Bắc Giang, Cà Mau; "
        "thấp nhất là tỉnh Bạc Liêu.")
    assert brief_sentence(ds, ONLINE, "2024-10", "vi", form=LEAD) == (
        "Các tỉnh Bình Định, Bắc Giang, Cà Mau đứng đầu về tỷ lệ nộp hồ sơ trực tuyến; "
        "thấp nhất là tỉnh Bạc Liêu.")
    assert brief_sentence(ds, ONLINE, "2024-10", "en") == (
        "3 provinces have the highest online-submission rate, namely: Bình Định, Bắc Giang, Cà Mau; "
        "the lowest is Bạc Liêu province.")
    assert brief_sentence(ds, ONLINE, "2024-10", "en", form=LEAD) == (
        "Bình Định, Bắc Giang and Cà Mau lead on the online-submission rate; "
        "the lowest is Bạc Liêu province.")


def test_the_portal_is_spelled_out_and_a_city_is_a_city():
    values = {c: 50.0 for c in CODES_63}
    values.update({"80": 99.0, "79": 98.0, "92": 97.0, "01": 10.0})  # 80: Long An
    ds = dataset_from_records([rec("2024-10", c, SYNC, v) for c, v in values.items()], "t")
    assert brief_sentence(ds, SYNC, "2024-10", "vi") == (
        "3 địa phương có tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia cao nhất, gồm: "
        "Long An, TP Hồ Chí Minh, Cần Thơ; thấp nhất là thành phố Hà Nội.")
    assert "National Public Service Portal" in brief_sentence(ds, SYNC, "2024-10", "en")


def test_partial_data_says_how_many_and_names_no_lowest_when_most_are_missing():
    few = {"52": 90.0, "24": 80.0, "96": 70.0, "95": 60.0, "01": 50.0, "02": 40.0, "04": 30.0,
           "06": 20.0, "08": 15.0, "10": 10.0}  # 10 of 63
    ds = dataset_from_records([rec("2024-10", c, ONLINE, v) for c, v in few.items()], "t")
    assert brief_sentence(ds, ONLINE, "2024-10", "vi") == (
        "3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất, gồm: Bình Định, Bắc Giang, Cà Mau "
        "(10/63 tỉnh có số liệu).")
    assert brief_sentence(ds, ONLINE, "2024-10", "en").endswith("(10 of 63 provinces have figures).")
    # 40 of 63: most have figures, so the lowest is named, and the count still said
    many = {c: 50.0 for c in CODES_63[:40]}
    many[CODES_63[0]] = 10.0  # Hà Nội last
    ds = dataset_from_records([rec("2024-10", c, ONLINE, v) for c, v in many.items()], "t")
    text = brief_sentence(ds, ONLINE, "2024-10", "vi")
    assert text.endswith("; thấp nhất là thành phố Hà Nội (40/63 tỉnh có số liệu).")
    assert text.startswith("39 địa phương")  # the 39 others tie for first place


def test_every_province_tied_is_said_to_tie():
    ds = dataset_from_records([rec("2024-10", c, CKMB, 12.0) for c in CODES_63], "t")
    assert brief_sentence(ds, CKMB, "2024-10", "vi") == (
        "Cả 63 tỉnh có điểm công khai, minh bạch bằng nhau: 12.00 điểm.")
    assert brief_sentence(ds, CKMB, "2024-10", "en") == (
        "All 63 provinces tie on the transparency score: 12.00 pts.")


def test_a_quarter_given_only_as_months_has_a_brief():
    # Q3 2024 from July–September counts: Bình Định 270/300 = 90 %, Bắc Giang 240/300 = 80 %,
    # Cà Mau 70 %, the others 50 %, Bạc Liêu 30 %
    counts = {"52": 90, "24": 80, "96": 70, "95": 30}
    rows = [rec(f"2024-{m:02d}", c, ONLINE, n, numerator=n, denominator=100)
            for m in (7, 8, 9) for c, n in counts.items()]
    rows += [rec(f"2024-{m:02d}", c, ONLINE, 50, numerator=50, denominator=100)
             for m in (7, 8, 9) for c in CODES_63 if c not in counts]
    ds = dataset_from_records(rows, "t")
    lines = brief_lines(ds, "2024-Q3", "vi")
    assert len(lines) == 1  # the other main metrics have no figures
    assert lines[0] == ("3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất, gồm: "
                        "Bình Định, Bắc Giang, Cà Mau; thấp nhất là tỉnh Bạc Liêu.")


def test_real_figures_inside_a_sample_are_marked_real():
    values = {c: 10.0 for c in CODES_63}
    values.update({"52": 15.0, "24": 14.0, "96": 13.0, "95": 1.0})
    ds = dataset_from_records([rec("2024-10", c, CKMB, v, real=True) for c, v in values.items()], "t",
                              synthetic=True)
    assert brief_sentence(ds, CKMB, "2024-10", "vi").endswith("thấp nhất là tỉnh Bạc Liêu [số liệu thật].")
    assert brief_sentence(ds, CKMB, "2024-10", "en").endswith("Bạc Liêu province [real figures].")


def test_an_old_month_shown_on_the_34_counts_the_34():
    from de06tui.core.ranking import leaderboard

    ds = dataset_from_records([rec("2024-10", c, CKMB, 10.0 + i % 7) for i, c in enumerate(CODES_63)], "t")
    board = leaderboard(ds, CKMB, "2024-10", provinces=34)
    text = brief_sentence(ds, CKMB, "2024-10", "vi", board=board)
    assert board.height == 34 and "/63" not in text and "/34" not in text
