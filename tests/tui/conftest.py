"""A small deterministic dataset and an app factory for the TUI tests."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from de06tui.core.dataset import dataset_from_records
from de06tui.core.registry import default_registry
from de06tui.tui.app import De06App
from de06tui.tui.sources import DatasetSource

OLD_MONTHS = ["2025-04", "2025-05", "2025-06"]
NEW_MONTHS = ["2025-07", "2025-08", "2025-09"]
FIXED_NOW = datetime(2026, 10, 17, 9, 30)


def _value(code: str, i: int, metric: str) -> float:
    """Deterministic but varied: a per-province level plus a small monthly drift."""
    base = (int(code) * 37 + len(metric) * 11) % 50
    return round(45 + base + ((int(code) + i) % 5) * 0.7, 1)


def records() -> list[dict]:
    reg = default_registry()
    out: list[dict] = []
    for era, months in ((63, OLD_MONTHS), (34, NEW_MONTHS)):
        start = 0 if era == 63 else len(OLD_MONTHS)
        for i, month in enumerate(months, start):
            for p in reg.provinces(era):
                v = _value(p.code, i, "online")
                den = 10000 + int(p.code) * 100
                out.append({"period": month, "province": p.code, "metric": "online_submission_rate",
                            "value": round(v, 1), "numerator": round(den * v / 100), "denominator": den})
                out.append({"period": month, "province": p.code, "metric": "transparency_score",
                            "value": round(_value(p.code, i, "transparency") / 100 * 18, 2)})
                out.append({"period": month, "province": p.code, "metric": "sync_to_portal_rate",
                            "value": _value(p.code, i, "sync")})
    for p in reg.provinces(34):  # a year-only metric, real figures as in the sample
        out.append({"period": "2026", "province": p.code, "metric": "total_score",
                    "value": round(_value(p.code, 0, "total") * 0.9, 2), "real": True})
    return out


@pytest.fixture(scope="session")
def dataset():
    return dataset_from_records(records(), source="test-data.json", synthetic=True)


@pytest.fixture
def make_app(dataset, tmp_path):
    def _make(**kw) -> De06App:
        kw.setdefault("source", DatasetSource(dataset, "test-data.json"))
        kw.setdefault("lang", "en")
        kw.setdefault("now", lambda: FIXED_NOW)
        kw.setdefault("export_dir", tmp_path)
        return De06App(**kw)

    return _make


async def settle(pilot) -> None:
    """Let every worker finish and its messages be handled (no fixed sleeps).

    A DataTable sizes its columns when it next goes idle, which on a loaded machine can come
    after the pause returns: so the pauses go on until every column is as wide as its cells."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            break
    for _ in range(20):
        if all(_sized(table) for table in pilot.app.screen.query(DataTable).results()):
            return
        await pilot.pause()


def _sized(table: DataTable) -> bool:
    for column in table.ordered_columns:
        widest = max((cell_len(str(v)) for v in table.get_column(column.key)), default=0)
        if column.content_width < widest:
            return False
    return True


def unreachable_after_first(dataset, name: str):
    """A source that answers with ``dataset`` once, then fails as an unreachable feed does."""
    from de06tui.tui.sources import CallableSource

    calls = []

    def load():
        calls.append(1)
        if len(calls) > 1:
            raise ConnectionError("feed unreachable")
        return dataset

    return CallableSource(load, name)


async def run_palette(pilot, text: str) -> None:
    """Open the command palette, type `text`, let the search answer, run the first hit."""
    await pilot.press("ctrl+p", *text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def anyio_backend():
    # Textual runs on asyncio; anyio's pytest plugin (already installed) runs the async tests.
    return "asyncio"
