"""The history store: every accepted fetch kept as a snapshot, in Parquet under the user data folder.

Pure polars and files (no network, no UI), so feeds, the CLI and the app can all use it.
``Store`` keeps and reads snapshots; ``de06tui.core.snapshot_compare`` compares two of them.
"""
