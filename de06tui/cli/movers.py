"""``de06tui movers``: the provinces that rose and fell most between two periods."""

from __future__ import annotations

import argparse
import json
import sys

from de06tui.cli.common import (
    EXIT_OK,
    add_source_options,
    default_lang,
    guarded,
    load_dataset,
    resolve_metric,
    resolve_period,
    say,
)


def register(sub) -> None:
    p = sub.add_parser("movers", help="most improved and most declined provinces between two periods",
                       description="Rank change of every province between --from and --to; prints "
                                   "the biggest risers and fallers.")
    p.add_argument("--metric", "-m", default="online_submission_rate")
    p.add_argument("--from", dest="start", metavar="P", help="default: the period before --to")
    p.add_argument("--to", dest="end", metavar="P", help="default: the latest period")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many of each (default 5)")
    p.add_argument("--provinces", choices=["auto", "34", "63"], default="auto")
    p.add_argument("--format", "-f", choices=["table", "csv", "json"], default="table")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    import polars as pl

    from de06tui.core import periods as P
    from de06tui.core.ranking import compare_period, movers

    lang = args.lang or default_lang()
    ds = load_dataset(args)
    m = ds.catalog[resolve_metric(ds, args.metric)]
    end = P.parse_period(args.end) if args.end else resolve_period(ds, args, m.id)
    start = P.parse_period(args.start) if args.start else compare_period(ds, end, None, m.id)
    up, down = movers(ds, m.id, start, end, provinces=args.provinces, count=args.top)
    synthetic = ds.provenance.synthetic
    if synthetic:
        say("note: SAMPLE — synthetic data, not official figures")
    both = pl.concat([up.with_columns(pl.lit("improved").alias("direction")),
                      down.with_columns(pl.lit("declined").alias("direction"))])
    # The label travels with the rows: each says whether the sample is synthetic and it is real.
    table = both.select("direction", "province", "name", "prev_rank", "rank", "rank_change",
                        "prev_value", "value", "value_change", "approx", "change_approx", "basis",
                        "real", pl.lit(synthetic).alias("synthetic"))
    if args.format == "csv":
        sys.stdout.write(table.write_csv())
    elif args.format == "json":
        sys.stdout.write(json.dumps({"metric": m.id, "from": start, "to": end, "synthetic": synthetic,
                                     "rows": table.to_dicts()}, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(_text(table, m, start, end, lang, synthetic))
    return EXIT_OK


def _text(table, m, start: str, end: str, lang: str, synthetic: bool) -> str:
    from de06tui.cli.table import change
    from de06tui.core import periods as P

    title = {"vi": ("Tăng hạng nhiều nhất", "Giảm hạng nhiều nhất"), "en": ("Most improved", "Most declined")}
    real_word = "số liệu thật" if lang == "vi" else "real"
    out = [f"{m.title(lang)}: {P.label(start, lang)} → {P.label(end, lang)}{' [SAMPLE]' if synthetic else ''}\n"]
    for heading, direction in zip(title[lang], ("improved", "declined")):
        out.append(f"\n{heading}\n")
        part = table.filter(table["direction"] == direction)
        for r in part.iter_rows(named=True):
            moved = "≈" if r["change_approx"] else ""
            approx = "≈" if r["approx"] else ""
            real = f"  [{real_word}]" if synthetic and r["real"] else ""
            out.append(f"  {change(r['rank_change']):>4}{moved}  {r['name']}  #{r['prev_rank']} → #{r['rank']}"
                       f"  {m.fmt(r['prev_value'])} → {m.fmt(r['value'])}{approx}{real}\n")
        if part.height == 0:
            out.append("  –\n")
    return "".join(out)
