"""``de06tui movers``: the provinces that rose and fell most between two periods."""

from __future__ import annotations

import argparse
import json
import sys

from de06tui.cli.common import (EXIT_OK, add_source_options, default_lang, guarded, load_dataset,
                                resolve_metric, resolve_period, say)


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

    from de06tui.cli.table import change
    from de06tui.core import periods as P
    from de06tui.core.ranking import compare_period, movers

    lang = args.lang or default_lang()
    ds = load_dataset(args)
    m = ds.catalog[resolve_metric(ds, args.metric)]
    end = P.parse_period(args.end) if args.end else resolve_period(ds, args, m.id)
    start = P.parse_period(args.start) if args.start else compare_period(ds, end, None, m.id)
    up, down = movers(ds, m.id, start, end, provinces=args.provinces, count=args.top)
    if ds.provenance.synthetic:
        say("note: SAMPLE — synthetic data, not official figures")
    both = pl.concat([up.with_columns(pl.lit("improved").alias("direction")),
                      down.with_columns(pl.lit("declined").alias("direction"))])
    table = both.select("direction", "province", "name", "prev_rank", "rank", "rank_change",
                        "prev_value", "value", "value_change", "approx")
    if args.format == "csv":
        sys.stdout.write(table.write_csv())
    elif args.format == "json":
        sys.stdout.write(json.dumps({"metric": m.id, "from": start, "to": end,
                                     "synthetic": ds.provenance.synthetic,
                                     "rows": table.to_dicts()}, ensure_ascii=False, indent=1) + "\n")
    else:
        title = {"vi": ("Tăng hạng nhiều nhất", "Giảm hạng nhiều nhất"),
                 "en": ("Most improved", "Most declined")}[lang]
        sys.stdout.write(f"{m.title(lang)}: {P.label(start, lang)} → {P.label(end, lang)}\n")
        for heading, part in zip(title, (up, down)):
            sys.stdout.write(f"\n{heading}\n")
            for r in part.iter_rows(named=True):
                approx = "≈" if r["approx"] else ""
                sys.stdout.write(f"  {change(r['rank_change']):>4}  {r['name']}  #{r['prev_rank']} → #{r['rank']}"
                                 f"  {m.fmt(r['prev_value'])} → {m.fmt(r['value'])}{approx}\n")
            if part.height == 0:
                sys.stdout.write("  –\n")
    return EXIT_OK
