"""``de06tui rank``: a leaderboard on stdout."""

from __future__ import annotations

import argparse
import json
import sys

from de06tui.cli.common import (
    EXIT_OK,
    add_period_options,
    add_source_options,
    guarded,
    load_dataset,
    no_data_message,
    positive_int,
    resolve_metric,
    resolve_period,
    sample_note,
    say,
)


def register(sub) -> None:
    p = sub.add_parser("rank", help="print a metric's leaderboard",
                       description="Print the provinces ranked on one metric for one period.")
    p.add_argument("--metric", "-m", default="online_submission_rate",
                   help="metric id (see `de06tui rank --list`); default online_submission_rate")
    add_period_options(p)
    p.add_argument("--top", type=positive_int, metavar="N", help="only the first N rows (N ≥ 1)")
    p.add_argument("--format", "-f", choices=["table", "csv", "json", "md"], default="table")
    p.add_argument("--compare", metavar="previous|year|PERIOD", default=None,
                   help="period the rank change is against (default: the previous one)")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    p.add_argument("--list", action="store_true", help="list the metrics and exit")
    add_source_options(p)
    from de06tui.cli.units import add_unit_options

    add_unit_options(p)
    from de06tui.cli.board_cache import replayed

    p.set_defaults(handler=replayed(guarded(run)))


def run(args: argparse.Namespace) -> int:
    from de06tui.cli.units import rank_units, wants_units

    if wants_units(args):
        return rank_units(args)
    from de06tui.cli.common import default_lang
    from de06tui.core import periods as P
    from de06tui.core.export import board_table, markdown
    from de06tui.core.query import BoardQuery, resolve
    from de06tui.core.ranking import leaderboard

    lang = args.lang or default_lang()
    ds = load_dataset(args)
    if args.list:
        for m in ds.catalog:
            periods = ds.periods(m.id)
            span = f"{periods[0]} … {periods[-1]}" if periods else "no data"
            sys.stdout.write(f"{m.id}\t{m.title(lang)}\t{span}\n")
        return EXIT_OK
    m = ds.catalog[resolve_metric(ds, args.metric)]
    period = resolve_period(ds, args, m.id)
    # The same resolution as the app's boards; here an asked period without data is an error.
    shown = resolve(ds, BoardQuery(m.id, period, args.provinces, args.compare))
    refused = shown.registry_refused or shown.compare_refused
    if refused:
        say(f"error: {refused}")
        return 2
    board = leaderboard(ds, m.id, period, provinces=shown.registry, compare=args.compare) \
        if shown.period == period else None
    if board is None or board.height == 0:
        say(no_data_message(ds, m.id, period))
        return 2
    total = board.height
    from de06tui.cli.basis_note import basis_note

    note = basis_note(board, m.decimals, lang)
    if note:
        say(note)
    if args.top:
        board = board.head(args.top)
    synthetic = ds.provenance.synthetic
    if synthetic:
        say(sample_note(lang))
    if args.format == "table":
        from de06tui.cli.table import heading, render

        sys.stdout.write(heading(m, P.label(period, lang), total, synthetic, lang))
        sys.stdout.write(render(board, m, lang, synthetic))
    elif args.format == "csv":
        sys.stdout.write(board_table(board, m, period, synthetic).write_csv())
    elif args.format == "md":
        sys.stdout.write(markdown(board_table(board, m, period, synthetic, m.decimals).drop("synthetic"),
                                  f"{m.title(lang)} — {P.label(period, lang)}",
                                  "SAMPLE — synthetic data" if synthetic else None))
    else:
        doc = {"metric": m.id, "period": period, "unit": m.unit, "synthetic": synthetic,
               "source": list(ds.provenance.sources),
               "rows": board_table(board, m, period, synthetic).drop(
                   "metric", "measure", "period", "synthetic").to_dicts()}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return EXIT_OK
