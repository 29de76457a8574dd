"""`--feed` for the headless commands: fetch, validate, cache; fall back to the cached copy."""

from __future__ import annotations

from de06tui.cli.common import EXIT_FAIL, say
from de06tui.core.problems import DataError, Problem


def load_config_or_fail(overrides: dict | None = None):
    from de06tui.config import ConfigError, load_config, permissions_warning_once

    try:
        config = load_config(overrides=overrides)
    except ConfigError as exc:
        raise DataError([Problem("error", str(exc))]) from None
    warning = permissions_warning_once()
    if warning:
        say(f"warning: {warning}")
    return config


def load_feed(spec: str, period: str | None = None):
    """The feed's dataset; on failure the last good snapshot, said so on stderr."""
    from de06tui.feeds import feed_error, load_cached, refresh

    config = load_config_or_fail({"feed": spec})
    try:
        ds, result = refresh(spec, config, period=period,
                             on_retry=lambda n, of, why: say(f"retry {n}/{of}: {why}"))
    except feed_error() as exc:
        cached, _why = load_cached(spec, config)
        if cached is None:
            failed = DataError([Problem("error", f"feed failed: {exc}")])
            failed.exit_code = EXIT_FAIL  # the network failed, not the command line
            raise failed from None
        say(f"warning: feed failed ({exc}); using the copy cached at {cached.provenance.generated_at}")
        return cached
    for w in result.warnings:
        say(f"warning: {w}")
    return ds
