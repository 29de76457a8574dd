"""The Textual app. Only this package (and ``de06tui.cli.app``) may import Textual."""
