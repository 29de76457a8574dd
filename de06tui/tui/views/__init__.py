"""What the screens show, computed from the core in worker threads: one module per screen.

These functions take the dataset and return plain, immutable Python values, so the UI thread
never touches polars and never re-derives a ranking. A screen's module is imported with the
screen, so the first leaderboard does not pay for the others' types.
"""
