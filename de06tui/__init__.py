"""de06tui: the Đề án 06 province leaderboard, in the terminal and headless."""

__version__ = "0.1.0"
