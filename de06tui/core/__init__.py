"""The headless engine: registry, metric definitions, readers, validation, ranking.

Nothing in this package may import Textual or Rich.
"""
