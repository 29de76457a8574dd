"""The portal adapter for units, in process, against the replay server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from de06tui.config import load_config
from de06tui.core.units import UnitRegistry, unit_board
from de06tui.feeds.client import FeedError
from de06tui.feeds.dvcqg import PortalShapeError, fetch_unit_set, fetch_units

from .replay_units import GIA_LAI_ID


@pytest.fixture
def config(portal):
    return replace(load_config(env={}), dvcqg_base_url=portal.url, dvcqg_delay=0.0, retries=0)


def test_a_fetch_refreshes_the_registry_the_next_load_reads(config, data_dir):
    units = fetch_unit_set(config, "2026", "52")
    assert units.frame.filter(units.frame["cohort"] == "department")["unit"].n_unique() == 14
    again = UnitRegistry.load()
    assert again.knows("52", "department") and len(again.units("52", "commune")) == 135
    assert again.sources[("52", "department")] == str(data_dir / "units" / "52.json")
    board = unit_board(units, "52", "department", "online_service_score", "2026")
    assert board.height == 14 and board["value"].is_not_null().all()  # CLGQ of the departments


def test_an_answer_without_its_units_stops_with_the_province_named(config, portal):
    portal.shapeless = True
    with pytest.raises(PortalShapeError) as info:
        fetch_units(config, "2026", ["H21"])
    assert str(info.value) == "service-results H21: key 'evaluation': no list of units"
    assert [c.get("rootDepartmentId") for c in portal.calls] == [None, GIA_LAI_ID]


def test_a_province_the_portal_does_not_list_is_said(config):
    with pytest.raises(FeedError) as info:
        fetch_units(config, "2026", ["H99"])
    assert "lists none of H99" in str(info.value)


def test_calls_are_paced(config, portal):
    import time

    slow = replace(config, dvcqg_delay=0.2)
    start = time.monotonic()
    fetch_units(slow, "2026", ["H21"])
    assert time.monotonic() - start >= 0.2  # two calls, at least one delay apart
    assert len(portal.calls) == 2
