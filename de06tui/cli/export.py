"""``de06tui export``: a leaderboard, the brief or the whole dataset to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from de06tui.cli.common import (EXIT_OK, add_period_options, add_source_options, default_lang,
                                guarded, load_dataset, resolve_metric, resolve_period, say)


def register(sub) -> None:
    p = sub.add_parser("export", help="write a leaderboard, the brief or a feed document",
                       description="csv/xlsx/md write one leaderboard; brief writes the brief as "
                                   "text; feed writes the whole dataset as a de06tui.feed/1 document.")
    p.add_argument("--format", "-f", choices=["csv", "xlsx", "md", "brief", "feed"], required=True)
    p.add_argument("--out", "-o", type=Path, required=True, help="file to write")
    p.add_argument("--metric", "-m", default="online_submission_rate")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    add_period_options(p)
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from de06tui.core.brief import brief_heading, brief_lines
    from de06tui.core.export import export_board, export_brief, write_feed
    from de06tui.core.ranking import leaderboard

    lang = args.lang or default_lang()
    ds = load_dataset(args)
    synthetic = ds.provenance.synthetic
    if args.format == "feed":
        note = ds.provenance.note or ", ".join(ds.provenance.sources)
        path = write_feed(ds.frame, args.out, note, synthetic)
    elif args.format == "brief":
        period = resolve_period(ds, args, ds.catalog.main()[0].id)
        path = export_brief([brief_heading(ds, period, lang), *brief_lines(ds, period, lang, args.provinces)],
                            args.out)
    else:
        m = ds.catalog[resolve_metric(ds, args.metric)]
        period = resolve_period(ds, args, m.id)
        board = leaderboard(ds, m.id, period, provinces=args.provinces)
        path = export_board(board, m, args.out, args.format, lang, period, synthetic)
    say(f"wrote {path}")
    return EXIT_OK
