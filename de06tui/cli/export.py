"""``de06tui export``: a leaderboard, the brief or the whole dataset to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from de06tui.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_period_options,
    add_source_options,
    default_lang,
    guarded,
    load_dataset,
    no_data_message,
    resolve_metric,
    resolve_period,
    say,
)

SUFFIX = {"csv": "csv", "xlsx": "xlsx", "md": "md", "brief": "txt", "feed": "json"}


def register(sub) -> None:
    p = sub.add_parser("export", help="write a leaderboard, the brief or a feed document",
                       description="csv/xlsx/md write a leaderboard (xlsx: one sheet per metric); "
                                   "brief writes the brief as text; feed writes the whole dataset as "
                                   "a de06tui.feed/1 document. Without --out the file goes to the "
                                   "export folder (config export_dir, else Documents/de06tui) under "
                                   "a name saying what it holds. An existing file is never replaced "
                                   "unless --replace is given: the new one gets a number, ' (2)'.")
    p.add_argument("--format", "-f", choices=["csv", "xlsx", "md", "brief", "feed"], required=True)
    p.add_argument("--out", "-o", type=Path, help="file to write; default: a name in the export folder")
    p.add_argument("--replace", action="store_true",
                   help="replace an existing file (a published feed file, say) instead of numbering")
    p.add_argument("--metric", "-m", default="online_submission_rate")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    p.add_argument("--csv-style", choices=["excel", "vi"], default=None,
                   help="excel: commas (default); vi: semicolons and a decimal comma, as Excel set "
                        "to Vietnamese expects; default: the config file's csv_style")
    add_period_options(p)
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def _config():
    """The settings exports use (folder, CSV style); loading the data says any warning about them."""
    from de06tui.config import ConfigError, load_config
    from de06tui.core.problems import DataError, Problem

    try:
        return load_config()
    except ConfigError as exc:
        raise DataError([Problem("error", str(exc))]) from None


def target(args: argparse.Namespace, config, metric: str, period: str) -> Path | None:
    """The file to write, or None (said why) when its folder cannot hold it."""
    from de06tui.core.export import export_name
    from de06tui.core.paths import export_dir

    if args.out is not None:
        path = args.out.expanduser()
    else:
        unit = "tinh-34" if args.provinces == "34" else "tinh-63" if args.provinces == "63" else "tinh"
        name = export_name(metric, period, SUFFIX[args.format], unit=unit)
        path = export_dir(config.export_dir) / name
    for parent in (path.parent, *path.parent.parents):
        if parent.exists():
            if not parent.is_dir():
                say(f"error: cannot write '{path}': '{parent}' is a file, not a folder")
                return None
            break
    return path


def run(args: argparse.Namespace) -> int:
    from de06tui.core.brief import brief_heading, brief_lines
    from de06tui.core.export import export_board, export_brief, write_feed, write_new
    from de06tui.core.ranking import leaderboard

    lang = args.lang or default_lang()
    config = _config()
    ds = load_dataset(args)
    synthetic = ds.provenance.synthetic
    if args.format == "feed":
        path = target(args, config, "feed", ds.latest_period() or "all")
        if path is None:
            return EXIT_USAGE
        note = ds.provenance.note or ", ".join(ds.provenance.sources)
        if args.replace:
            path = write_feed(ds.frame, path, note, synthetic)
        else:
            import json

            from de06tui.core.export import feed_document

            doc = json.dumps(feed_document(ds.frame, note, synthetic), ensure_ascii=False, indent=0)
            path = write_new(path, doc.encode("utf-8"))
    elif args.format == "brief":
        period = resolve_period(ds, args, ds.catalog.main()[0].id)
        path = target(args, config, "brief", period)
        if path is None:
            return EXIT_USAGE
        lines = [brief_heading(ds, period, lang), *brief_lines(ds, period, lang, args.provinces)]
        path = export_brief(lines, path, replace=args.replace)
    else:
        m = ds.catalog[resolve_metric(ds, args.metric)]
        period = resolve_period(ds, args, m.id)
        board = leaderboard(ds, m.id, period, provinces=args.provinces)
        if board.height == 0:
            say(no_data_message(ds, m.id, period))
            return EXIT_USAGE
        path = target(args, config, m.id, period)
        if path is None:
            return EXIT_USAGE
        path = export_board(board, m, path, args.format, lang, period, synthetic, ds=ds,
                            provinces=args.provinces, csv_style=args.csv_style or config.csv_style,
                            replace=args.replace)
    say(f"wrote {path}")
    return EXIT_OK
