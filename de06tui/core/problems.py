"""Located problems found while reading and validating data."""

from __future__ import annotations

from dataclasses import dataclass

from de06tui.core.text import clean

ERROR = "error"
WARNING = "warning"

# Stable kinds of problem, for code that must find one without reading its message.
COUNTS_DISAGREE = "value-contradicts-counts"
RATE_AS_FRACTION = "rate-as-fraction"
RESTATED_ON_34 = "restated-on-34"
NO_FIGURE = "no-figure"
SKIPPED_TOTAL = "skipped-total-row"
PERIOD_FROM_TITLE = "period-from-title"
ENCODING = "encoding"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is."""

    severity: str
    reason: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    sheet: str | None = None  # the workbook sheet the row is on
    kind: str | None = None  # a stable name for what is wrong, for code that looks for it

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location_parts(self, sheet: str = "sheet", row: str = "row", column: str = "column") -> list[str]:
        """File, sheet, row and column, each that is known, labelled with the words given."""
        parts = []
        if self.file:
            parts.append(clean(self.file))
        if self.sheet:
            parts.append(f"{sheet} '{clean(self.sheet)}'")
        if self.row is not None:
            parts.append(f"{row} {self.row}")
        if self.column:
            parts.append(f"{column} '{clean(self.column)}'")
        return parts

    def location(self) -> str:
        return ", ".join(self.location_parts())

    def __str__(self) -> str:
        where = self.location()
        what = clean(self.reason)
        if self.value is not None:
            what = f"{what} (value '{clean(self.value)[:80]}')"
        return f"{self.severity}: {where}: {what}" if where else f"{self.severity}: {what}"


class DataError(Exception):
    """Raised when input cannot be used at all; carries every problem found."""

    # Declared only: the command line sets them when it has printed the problems or chosen the
    # exit status, and reads them with getattr and a default.
    reported: bool
    exit_code: int

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
