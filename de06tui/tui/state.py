"""The app's one view state: what every screen shows is a function of it and of the data.

A frozen value: a change is a new ``ViewState`` (``dataclasses.replace``), so a screen can tell
exactly which fields moved by comparing the old value with the new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, overload

from de06tui.core.query import BoardQuery

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset


@dataclass(frozen=True)
class ViewState:
    lang: str = "en"
    metric: str = ""  # the leaderboard last shown: exports from other screens use it
    period: str | None = None
    provinces: str = "auto"  # auto | 34 | 63: which registry a period is shown on
    compare: str | None = None  # None (previous period) | "year" | a period
    filter_text: str = ""
    region: str = ""
    sort_column: str = "rank"
    sort_reverse: bool = False
    load_error: str = ""  # why the first load failed, while nothing has been shown
    version: int = 0  # bumped with each dataset shown: the data's part of every view key
    # Departments and communes.

    # My province.

    # Recorded history.
    since_yesterday: bool = False  # changes against the previous Vietnam day's snapshot
    as_of: str = ""  # the recorded snapshot shown (its id); "" is the latest recorded day

    # The office's screens.
    hidden_columns: tuple[str, ...] = ()  # leaderboard columns the user hid ([columns] hidden)

    dataset: Dataset | None = field(default=None, compare=False, repr=False)
    changed: frozenset = field(default=frozenset(), compare=False, repr=False)

    def query(self, metric: str | None = None) -> BoardQuery:
        """The board query for ``metric`` (the state's own when not given)."""
        return BoardQuery(metric or self.metric, self.period, self.provinces, self.compare,
                          filter=self.filter_text, region=self.region, sort=self.sort_column,
                          reverse=self.sort_reverse)

    def moved(self, old: ViewState, names: tuple[str, ...]) -> bool:
        """Whether any of the fields ``names`` differs from ``old`` ("dataset" means the version)."""
        return any(getattr(self, "version" if n == "dataset" else n)
                   != getattr(old, "version" if n == "dataset" else n) for n in names)


STATE_FIELDS = frozenset(f.name for f in fields(ViewState)) - {"version", "changed"}

T = TypeVar("T")


class StateHolder(Protocol):
    """What a ``StateField`` lives on: the app, with its one state and the way to change it."""

    state: ViewState

    def update(self, **changes: object) -> None: ...


class StateField(Generic[T]):
    """An app attribute reading and writing one field of its ``state`` (``app.period = p``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.__doc__ = f"The view state's {name}."

    @overload
    def __get__(self, app: None, owner: type | None = None) -> StateField[T]: ...

    @overload
    def __get__(self, app: StateHolder, owner: type | None = None) -> T: ...

    def __get__(self, app: StateHolder | None, owner: type | None = None) -> T | StateField[T]:
        if app is None:
            return self
        value: T = getattr(app.state, self.name)
        return value

    def __set__(self, app: StateHolder, value: T) -> None:
        app.update(**{self.name: value})
