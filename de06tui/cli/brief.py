"""``de06tui brief``: the review's sentences, one per metric."""

from __future__ import annotations

import argparse
import sys

from de06tui.cli.common import (
    EXIT_OK,
    add_period_options,
    add_source_options,
    default_lang,
    guarded,
    load_dataset,
    resolve_period,
    say,
)


def register(sub) -> None:
    p = sub.add_parser("brief", help="print the monthly brief",
                       description="Print one sentence per main metric: its top and bottom provinces.")
    add_period_options(p)
    p.add_argument("--lang", choices=["vi", "en"], default=None, help="default: from LANG")
    p.add_argument("--form", choices=["list", "lead"], default="list",
                   help="list: '3 địa phương có … cao nhất, gồm: …'; lead: 'Các tỉnh … đứng đầu về …'")
    from de06tui.cli.common import add_home_option

    add_home_option(p)
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from de06tui.core.brief import brief_heading, brief_lines

    if args.home is not None:  # the home province's morning message
        from de06tui.cli.home import run_brief

        return run_brief(args)
    lang = args.lang or default_lang()
    ds = load_dataset(args)
    period = resolve_period(ds, args, ds.catalog.main()[0].id if ds.catalog.main() else None)
    lines = brief_lines(ds, period, lang, provinces=args.provinces, form=args.form)
    if not lines:
        say(f"error: no data for {period}")
        return 2
    heading = brief_heading(ds, period, lang)
    say(heading)
    # The heading travels with the sentences: a brief pasted on is still labelled SAMPLE.
    sys.stdout.write("\n".join([heading, *lines]) + "\n")
    return EXIT_OK
