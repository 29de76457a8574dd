"""Write the shipped sample dataset, data/sample/de06_sample.json (a de06tui.feed/1 document).

The figures are SYNTHETIC: a seeded simulation of the 63 provinces, monthly from January 2024,
combined into the 34 provinces from July 2025 (counts summed, so each new province's history
continues its predecessors'). Two things are fixed to what was published:
- October 2024: the top three and the lowest province of each main metric are the ones the
  government's review named (see the README);
- the year 2026: every province's 766 scores are the portal's real year-to-date figures
  (data/registry/dvcqg_service_results_2026_ytd.csv), marked "real": true.

Deterministic: the same bytes on every run. Usage: python scripts/make_sample.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "registry"
SEED = 20241031
FIRST_MONTH, MERGER, LAST_MONTH = (2024, 1), (2025, 7), (2026, 10)
GENERATED_AT = "2026-11-01T00:00:00Z"
SOURCE = ("de06tui synthetic sample (scripts/make_sample.py): not official figures; records marked "
          "real are the national portal's 2026 year-to-date 766 scores, captured 2026-09-17")

# October 2024 as the review read it out: (best three in order, lowest), by 63-era code.
PUBLISHED_2024_10 = {
    "online_submission_rate": (["52", "24", "96"], "95"),  # Bình Định, Bắc Giang, Cà Mau; Bạc Liêu
    "transparency_score": (["52", "12", "96"], "34"),  # Bình Định, Lai Châu, Cà Mau; Thái Bình
    "sync_to_portal_rate": (["80", "72", "42"], "83"),  # Long An, Tây Ninh, Hà Tĩnh; Bến Tre
}
REAL_COLUMNS = {
    "transparency_score": "CKMB_18", "total_score": "total_score", "progress_score": "TDGQ_20",
    "online_service_score": "CLGQ_dvctt_12", "online_payment_score": "TTTT_thanhtoan_10",
    "satisfaction_score": "MDHL_18", "digitisation_score": "MDSH_22",
}
BIG = {"01": 9.0, "79": 10.0, "74": 3.5, "75": 3.0, "31": 2.5, "48": 2.0, "92": 1.8, "38": 2.2, "40": 2.2}


def months() -> list[str]:
    y, m = FIRST_MONTH
    out = []
    while (y, m) <= LAST_MONTH:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def read_csv(name: str) -> list[dict]:
    with open(REGISTRY / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


class Province:
    """One old province's simulated monthly counts and score."""

    def __init__(self, code: str, rng: random.Random):
        self.size = BIG.get(code, 1.0) * rng.uniform(0.5, 1.6) * 20_000
        self.online = rng.uniform(52, 90)
        self.online_trend = rng.uniform(0.05, 0.45)
        self.sync = rng.uniform(78, 97)
        self.sync_trend = rng.uniform(0.0, 0.2)
        self.score = rng.uniform(8, 15)
        self.score_trend = rng.uniform(-0.02, 0.08)

    def month(self, i: int, rng: random.Random) -> dict:
        season = 0.85 if i % 12 in (0, 1) else 1.0  # Tết: fewer dossiers
        total = int(self.size * season * rng.uniform(0.9, 1.1) * (1 + 0.01 * i))
        online = clamp(self.online + self.online_trend * i + rng.gauss(0, 1.5), 25, 99.6)
        should_sync = int(total * rng.uniform(0.7, 0.9))
        sync = clamp(self.sync + self.sync_trend * i + rng.gauss(0, 1.2), 50, 100)
        score = clamp(self.score + self.score_trend * i + rng.gauss(0, 0.5), 3, 17.8)
        return {"online": (round(total * online / 100), total),
                "sync": (round(should_sync * sync / 100), should_sync), "score": score}


def rate(num: int, den: int) -> float:
    return round(100 * num / den, 2)


def simulate(rng: random.Random) -> dict[tuple[str, str, str], dict]:
    """(period, code, metric) → record, on the registry of each period."""
    olds = [r["code"] for r in read_csv("provinces_63.csv")]
    news = read_csv("provinces_34.csv")
    sims = {c: Province(c, rng) for c in olds}
    # The provinces the October 2024 review named lead (or trail) for a while, not for one month.
    for metric, (best, lowest) in PUBLISHED_2024_10.items():
        attr = {"online_submission_rate": "online", "sync_to_portal_rate": "sync",
                "transparency_score": "score"}[metric]
        top = {"online": 91.0, "sync": 97.0, "score": 15.2}[attr]
        for k, code in enumerate(best):
            setattr(sims[code], attr, top - k * 0.8 - getattr(sims[code], f"{attr}_trend") * 9)
        setattr(sims[lowest], attr, {"online": 38.0, "sync": 70.0, "score": 6.0}[attr])
    merger = f"{MERGER[0]}-{MERGER[1]:02d}"
    out: dict[tuple[str, str, str], dict] = {}
    for i, period in enumerate(months()):
        monthly = {c: sims[c].month(i, rng) for c in olds}
        if period < merger:
            groups = [(c, [c]) for c in olds]
        else:
            groups = [(n["code"], n["merged_from"].split(";")) for n in news]
        for code, parts in groups:
            for metric, key in (("online_submission_rate", "online"), ("sync_to_portal_rate", "sync")):
                num = sum(monthly[p][key][0] for p in parts)
                den = sum(monthly[p][key][1] for p in parts)
                out[(period, code, metric)] = {"value": rate(num, den), "numerator": num, "denominator": den}
            score = sum(monthly[p]["score"] for p in parts) / len(parts)
            out[(period, code, "transparency_score")] = {"value": round(score, 2)}
    return out


def pin_published(data: dict, gap: float = 0.4) -> None:
    """Make October 2024's best three and lowest the published ones, with clear margins."""
    period = "2024-10"
    for metric, (best, lowest) in PUBLISHED_2024_10.items():
        rows = {c: r for (p, c, m), r in data.items() if p == period and m == metric}
        high = 17.9 if metric == "transparency_score" else 99.9
        others = [r["value"] for c, r in rows.items() if c not in best and c != lowest]
        ceiling = max(others)
        floor = min(others)
        # best three above everyone else, in order, under the metric's top
        targets = [min(high, ceiling + gap * (3 - k)) if ceiling + 3 * gap <= high
                   else high - gap * k for k in range(3)]
        if targets[-1] <= ceiling:  # others crowd the top: push them down instead
            for c, r in rows.items():
                if c not in best and r["value"] > targets[-1] - gap:
                    _set(r, targets[-1] - gap, metric)
        for code, target in zip(best, targets):
            _set(rows[code], target, metric)
        _set(rows[lowest], max(1.0, floor - 3 * gap), metric)


def _set(record: dict, target: float, metric: str) -> None:
    if metric == "transparency_score":
        record["value"] = round(target, 2)
        return
    den = record["denominator"]
    record["numerator"] = min(den, round(den * target / 100))
    record["value"] = rate(record["numerator"], den)


def real_2026() -> list[dict]:
    out = []
    for row in read_csv("dvcqg_service_results_2026_ytd.csv"):
        for metric, column in REAL_COLUMNS.items():
            out.append({"period": "2026", "province": row["admin_code"], "metric": metric,
                        "value": float(row[column]), "real": True})
    return out


def build() -> dict:
    rng = random.Random(SEED)
    data = simulate(rng)
    pin_published(data)
    records = [{"period": p, "province": c, "metric": m, **r, "real": False} for (p, c, m), r in data.items()]
    records += real_2026()
    order = {p: i for i, p in enumerate([*months(), "2026"])}
    records.sort(key=lambda r: (order[r["period"]], r["metric"], r["province"]))
    return {"schema": "de06tui.feed/1", "generated_at": GENERATED_AT, "synthetic": True,
            "source": SOURCE, "records": records}


def dump(doc: dict) -> str:
    head = {k: v for k, v in doc.items() if k != "records"}
    lines = [json.dumps(r, ensure_ascii=False) for r in doc["records"]]
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return body + ',\n "records": [\n' + ",\n".join(lines) + "\n]}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "sample" / "de06_sample.json")
    args = ap.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(build()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
