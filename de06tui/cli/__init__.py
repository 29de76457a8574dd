"""The command line: headless commands and the launcher of the app. Never imports Textual here."""
