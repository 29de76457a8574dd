"""The start-up snapshot: a returning user's board is painted before the data is loaded."""

from __future__ import annotations

import threading

import pytest

from de06tui.tui import snapshot
from de06tui.tui.app import board_mode
from de06tui.tui.sources import PathsSource

from .conftest import settle

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


class GatedSource(PathsSource):
    """Loads only when the test opens the gate, so the snapshot's paint can be seen."""

    def __init__(self, paths, gate: threading.Event):
        super().__init__(paths)
        self.gate = gate

    def load(self):
        self.gate.wait(10)
        return super().load()


async def test_snapshot_painted_then_replaced(tmp_path, make_app):
    csv = tmp_path / "d.csv"
    csv.write_text("period,province,metric,value,numerator,denominator\n"
                   "2025-09,Cà Mau,online_submission_rate,80,80,100\n"
                   "2025-09,Hà Nội,online_submission_rate,90,90,100\n", encoding="utf-8")
    first = make_app(source=PathsSource([csv]), metric=OSR)
    async with first.run_test() as pilot:
        await settle(pilot)
        assert first.screen._shown[0].name == "Hà Nội"
    assert snapshot.load(snapshot.source_key(PathsSource([csv])), OSR, None) is not None

    gate = threading.Event()
    second = make_app(source=GatedSource([csv], gate), metric=OSR)
    async with second.run_test() as pilot:
        await pilot.pause()
        assert second.dataset is None
        assert second.current_mode == board_mode(OSR)
        assert [r.name for r in second.screen._shown] == ["Hà Nội", "Cà Mau"]
        gate.set()
        await settle(pilot)
        assert second.dataset is not None and second.screen.view.frame is not None

    # A changed file does not match the snapshot any more.
    csv.write_text(csv.read_text(encoding="utf-8") + "2025-09,Huế,online_submission_rate,70,70,100\n",
                   encoding="utf-8")
    assert snapshot.load(snapshot.source_key(PathsSource([csv])), OSR, None) is None


async def test_the_overview_is_painted_from_its_snapshot_before_the_data(tmp_path, make_app):
    csv = tmp_path / "d.csv"
    csv.write_text("period,province,metric,value,numerator,denominator\n"
                   "2025-09,Cà Mau,online_submission_rate,80,80,100\n"
                   "2025-09,Hà Nội,online_submission_rate,90,90,100\n", encoding="utf-8")
    first = make_app(source=PathsSource([csv]))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert first.current_mode == "overview"
    gate = threading.Event()
    second = make_app(source=GatedSource([csv], gate))
    async with second.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert second.dataset is None  # still loading: what is drawn is the snapshot
        panel = second.screen.query("MetricPanel").first().panel
        # Hand-worked: Hà Nội (90) tops the two-province board, Cà Mau (80) is below it.
        assert panel.metric == OSR and panel.period == "2025-09" and panel.top[0].name == "Hà Nội"
        assert "d.csv" in str(second.screen.query_one("#overview-provenance").render())
        gate.set()
        await settle(pilot)
        assert second.dataset is not None
        assert second.screen.query("MetricPanel").first().panel.top[0].name == "Hà Nội"
    # In another language the snapshot (its sentences) does not fit: the start waits for the data.
    assert snapshot.load_overview(snapshot.source_key(PathsSource([csv])), "vi") is None
    assert snapshot.load_overview(snapshot.source_key(PathsSource([csv])), "en") is not None
