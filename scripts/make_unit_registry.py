"""Build the shipped unit registry (data/units/) from the recorded portal answers.

    .venv/bin/python scripts/make_unit_registry.py

Gia Lai's communes come from its crawler snapshot of 10 October 2026; Phú Thọ's departments and
communes from its per-group answer (provide-online-tree, year 2026). Nothing is typed by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from de06tui.core import portal  # noqa: E402
from de06tui.core.registry import default_registry  # noqa: E402
from de06tui.core.units import save_list, units_of  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "dvcqg"
SOURCES = [
    ("H21", FIX / "gia_lai" / "communes_GiaLai_10102026.json", "2026-10-10"),
    ("H44", FIX / "province-detail" / "provide-online-tree" / "year-all.json", "2026-09-26"),
]


def main() -> int:
    registry = default_registry()
    for department_code, path, fetched_at in SOURCES:
        province = registry.resolve(department_code, 34)
        doc = json.loads(path.read_text("utf-8"))
        if portal.tree_endpoint(doc):
            records = portal.tree_records(doc, "2026", province)
        else:
            records, _ = portal.unit_records(doc, province=province)
        units = units_of(records)
        source = f"dichvucong.gov.vn, recorded {fetched_at} ({path.name})"
        out = save_list(province, units, source, fetched_at, ROOT / "data" / "units")
        print(f"{out.relative_to(ROOT)}: {len(units)} units")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
