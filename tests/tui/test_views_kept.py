"""A province's detail reads rankings worked out once per dataset: it must still show each
dataset's own figures, and agree with the board the core ranks directly. Expected figures are
worked out by hand in the comments."""

import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.tui import snapshot
from de06tui.tui.screens.overview import OverviewScreen
from de06tui.tui.sources import PathsSource
from de06tui.tui.views.detail import detail_view
from de06tui.tui.views.kept import PerDataset

from .conftest import settle

ONLINE, CKMB = "online_submission_rate", "transparency_score"


def rec(period, province, metric, value, num=None, den=None):
    return dict(period=period, province=province, metric=metric, value=value, numerator=num,
                denominator=den)


def months(online_01: float):
    # Sep: 01 80 %, 02 60 %, 04 70 %. Oct: 01 ``online_01``, 02 90 %, 04 70 %.
    # Transparency in Oct (higher is better): 01 17.5, 02 16.0.
    return [rec("2024-09", "01", ONLINE, 80, 8, 10), rec("2024-09", "02", ONLINE, 60, 6, 10),
            rec("2024-09", "04", ONLINE, 70, 7, 10), rec("2024-10", "01", ONLINE, online_01, online_01 / 10, 10),
            rec("2024-10", "02", ONLINE, 90, 9, 10), rec("2024-10", "04", ONLINE, 70, 7, 10),
            rec("2024-10", "01", CKMB, 17.5), rec("2024-10", "02", CKMB, 16.0)]


def line(view, metric):
    return next(x for x in view.lines if x.metric == metric)


def test_each_province_reads_its_own_rows_of_the_shared_rankings():
    ds = dataset_from_records(months(50), "t")
    # Oct online: 02 90 % first, 04 70 % second, 01 50 % third; Sep ranks 01 first, 02 third.
    one, two = detail_view(ds, "01", 63, "2024-10", ONLINE), detail_view(ds, "02", 63, "2024-10", ONLINE)
    assert (line(one, ONLINE).value, line(one, ONLINE).rank, line(one, ONLINE).of) == (50.0, 3, 3)
    assert (line(two, ONLINE).value, line(two, ONLINE).rank) == (90.0, 1)
    # 01 went from first to third (▼2), 02 from third to first (▲2)
    assert (line(one, ONLINE).rank_change, line(two, ONLINE).rank_change) == (-2, 2)
    assert (line(one, CKMB).rank, line(two, CKMB).rank, line(one, CKMB).of) == (1, 2, 2)
    # 04 has no transparency figure: nothing shown, out of the two ranked
    four = detail_view(ds, "04", 63, "2024-10", ONLINE)
    assert (line(four, CKMB).value, line(four, CKMB).rank, line(four, CKMB).of) == (None, None, 2)
    assert [(h.period, h.rank) for h in one.history] == [("2024-09", 1), ("2024-10", 3)]
    assert [(h.period, h.rank) for h in two.history] == [("2024-09", 3), ("2024-10", 1)]


def test_a_new_dataset_is_never_shown_the_last_ones_rankings():
    before = dataset_from_records(months(50), "t")
    assert line(detail_view(before, "01", 63, "2024-10", ONLINE), ONLINE).rank == 3
    # Reloaded: 01 now at 95 % leads October, and the chart follows.
    after = dataset_from_records(months(95), "t")
    view = detail_view(after, "01", 63, "2024-10", ONLINE)
    assert (line(view, ONLINE).value, line(view, ONLINE).rank, line(view, ONLINE).rank_change) == (95.0, 1, 0)
    assert [(h.period, h.value, h.rank) for h in view.history] == [("2024-09", 80.0, 1), ("2024-10", 95.0, 1)]


def test_values_are_kept_per_dataset_and_key():
    memo, made = PerDataset(size=2), []

    def make(name):
        made.append(name)
        return name

    a, b = dataset_from_records(months(50), "a"), dataset_from_records(months(50), "b")
    assert memo.get(a, "k", lambda: make("a1")) == "a1"
    assert memo.get(a, "k", lambda: make("again")) == "a1"  # kept
    # An equal dataset that is another load is not the same dataset: worked out anew.
    assert memo.get(b, "k", lambda: make("b1")) == "b1"
    # The old dataset's values went with it.
    assert memo.get(a, "k", lambda: make("a2")) == "a2"
    # At most ``size`` keys are kept, the oldest used going first.
    memo.get(a, "j", lambda: make("j"))
    memo.get(a, "i", lambda: make("i"))
    assert memo.get(a, "k", lambda: make("a3")) == "a3"
    assert made == ["a1", "b1", "a2", "j", "i", "a3"]


# -- the overview, its panels kept per state ------------------------------------------------
@pytest.mark.anyio
async def test_the_overview_shows_the_state_it_is_opened_in_and_comes_back_to(tmp_path, make_app):
    csv = tmp_path / "d.csv"
    csv.write_text("period,province,metric,value,numerator,denominator\n"
                   "2025-08,Cà Mau,online_submission_rate,95,95,100\n"
                   "2025-08,Hà Nội,online_submission_rate,85,85,100\n"
                   "2025-09,Cà Mau,online_submission_rate,80,80,100\n"
                   "2025-09,Hà Nội,online_submission_rate,90,90,100\n", encoding="utf-8")
    app = make_app(source=PathsSource([csv]), metric=ONLINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # On the board, a step back to August and a switch to Vietnamese; then the overview.
        await pilot.press("left_square_bracket", "l")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        panel = app.screen.query("MetricPanel").first().panel
        # Hand-worked: in August Cà Mau (95) leads Hà Nội (85); in September it was the other way.
        assert panel.metric == ONLINE and panel.period == "2025-08" and panel.top[0].name == "Cà Mau"
        assert app.screen.view_title == "Tổng quan" and app.screen.view_period == "Tháng 8/2025"
        # Back to English and on: the panels kept for English are English ones.
        await pilot.press("l")
        await settle(pilot)
        assert app.screen.view_title == "Overview" and app.screen.view_period == "Aug 2025"
        assert app.screen.query("MetricPanel").first().panel.top[0].name == "Cà Mau"
        assert "Cà Mau" in app.screen.query("MetricPanel").first().panel.sentence
    # And it was kept for the next start, in the language it was shown in.
    kept = snapshot.load_overview(snapshot.source_key(PathsSource([csv])), "en")
    assert kept is not None and kept[0].period == "2025-08" and kept[0].panels[0].top[0].name == "Cà Mau"
