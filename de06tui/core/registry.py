"""The province registry: 63 provinces before 1 July 2025, 34 after, and one resolver for both."""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from de06tui.core.paths import data_dir
from de06tui.core.text import fold

ERAS = (63, 34)

# Words that real files put before a province's name.
_PREFIXES = ("uy ban nhan dan", "ubnd", "thanh pho", "tp.", "tp", "tinh")
# Short forms operators and portals write, in folded form, by era.
_ALIASES: dict[str, dict[str, str]] = {
    "hcm": {"63": "79", "34": "79"},
    "tphcm": {"63": "79", "34": "79"},
    "hochiminh": {"63": "79", "34": "79"},
    "saigon": {"63": "79", "34": "79"},
    "hue": {"63": "46", "34": "46"},
    "thuathienhue": {"63": "46", "34": "46"},
    "brvt": {"63": "77"},
    "bariavungtau": {"63": "77"},
    "hn": {"63": "01", "34": "01"},
}


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    name_ascii: str
    era: int
    region: str | None = None
    merged_from: tuple[str, ...] = ()


class UnknownProvince(ValueError):
    def __init__(self, value: str, era: int | None, suggestions: list[str], hint: str = ""):
        self.value = value
        self.era = era
        self.suggestions = suggestions
        msg = f"unknown province '{value}'"
        if era:
            msg += f" in the {era}-province registry"
        if hint:
            msg += f"; {hint}"
        if suggestions:
            msg += "; did you mean " + ", ".join(suggestions) + "?"
        super().__init__(msg)


def _key(text: str) -> str:
    words = fold(text).replace("-", " ").replace(".", ". ").split()
    out: list[str] = []
    for w in words:
        w = w.strip(",;:()")
        if w == "dac":  # Đắc Lắc / Đắk Lắk
            w = "dak"
        if w == "lac" and out and out[-1] == "dak":
            w = "lak"
        out.append(w)
    return re.sub(r"[^0-9a-z]", "", strip_prefixes(" ".join(out)))


def strip_prefixes(folded: str) -> str:
    """A folded name without the words files put before it ("ubnd tinh", "thanh pho", "tp.")."""
    s = folded
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if s.startswith(p + " ") and len(s) > len(p) + 1:
                s = s[len(p) + 1 :].lstrip(". ")
                changed = True
    return s


@dataclass
class ProvinceRegistry:
    """Both registries with lookups by code, by any spelling, and across the merger."""

    by_era: dict[int, dict[str, Province]]
    department_codes: dict[str, str] = field(default_factory=dict)  # H20 → 82 (34 era)

    def __post_init__(self) -> None:
        self._index: dict[int, dict[str, str]] = {}
        for era, provinces in self.by_era.items():
            idx: dict[str, str] = {}
            for p in provinces.values():
                idx[_key(p.name)] = p.code
                idx[_key(p.name_ascii)] = p.code
            for alias, codes in _ALIASES.items():
                if str(era) in codes:
                    idx.setdefault(alias, codes[str(era)])
            self._index[era] = idx
        self._successor = {
            old: p.code for p in self.by_era[34].values() for old in p.merged_from
        }

    # -- loading -------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path | None = None) -> ProvinceRegistry:
        folder = folder or data_dir() / "registry"
        by_era: dict[int, dict[str, Province]] = {63: {}, 34: {}}
        with open(folder / "provinces_63.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                p = Province(row["code"], row["name"], row["name_ascii"], 63, region=row["region"])
                by_era[63][p.code] = p
        with open(folder / "provinces_34.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                merged = tuple(c.strip() for c in row["merged_from"].split(";") if c.strip())
                p = Province(row["code"], row["name"], row["name_ascii"], 34, merged_from=merged)
                by_era[34][p.code] = p
        depts: dict[str, str] = {}
        with open(folder / "dvcqg_service_results_2026_ytd.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                depts[row["dvc_department_code"].upper()] = row["admin_code"]
        return cls(by_era, depts)

    # -- lookups -------------------------------------------------------------------
    def provinces(self, era: int) -> list[Province]:
        return list(self.by_era[era].values())

    def get(self, code: str, era: int) -> Province:
        return self.by_era[era][code]

    def name(self, code: str, era: int) -> str:
        p = self.by_era[era].get(code)
        return p.name if p else code

    def region(self, code: str, era: int = 63) -> str | None:
        """Socio-economic region (from the 63 registry).

        A new province takes the region of the old province whose name it kept (the new Gia Lai,
        code 52, is in the Central Highlands like the old Gia Lai, not on the coast like the old 52),
        else of the old province with its code.
        """
        if era == 34:
            old = self.namesake(code) if code in self.by_era[34] else None
            return self.by_era[63][old].region if old else None
        p = self.by_era[63].get(code)
        return p.region if p else None

    def regions(self) -> list[str]:
        return sorted({p.region for p in self.by_era[63].values() if p.region})

    def successor(self, old_code: str) -> str:
        """The 34-era province that absorbed a 63-era province."""
        return self._successor[old_code]

    def predecessors(self, new_code: str) -> tuple[str, ...]:
        return self.by_era[34][new_code].merged_from

    def namesake(self, new_code: str) -> str | None:
        """The 63-era province a 34-era one stands for: the one whose name it kept, else the one
        whose code it kept, else the first it was formed from (None when it has no predecessor)."""
        new = self.by_era[34][new_code]
        olds = [self.by_era[63][c] for c in new.merged_from if c in self.by_era[63]]
        same = [o for o in olds if fold(o.name) == fold(new.name)] or \
            [o for o in olds if o.code == new_code] or olds
        return same[0].code if same else None

    def resolve(self, value: object, era: int | None = None) -> str:
        """Code of a province written any real way; raises UnknownProvince."""
        text = str(value).strip()
        eras = (era,) if era else (34, 63)
        if re.fullmatch(r"\d{1,2}(\.0)?", text):
            code: str | None = f"{int(float(text)):02d}"
            for e in eras:
                if code in self.by_era[e]:
                    return code
        m = re.fullmatch(r"[hH]\s*(\d{1,2})", text)
        if m:
            code = self.department_codes.get(f"H{int(m.group(1)):02d}")
            if code and (era is None or era == 34):
                return code
        k = _key(text)
        for e in eras:
            if k in self._index[e]:
                return self._index[e][k]
        hint = ""
        if era:
            other = 63 if era == 34 else 34
            code = self._index[other].get(k)
            if code is None and re.fullmatch(r"\d{1,2}", text):
                code = f"{int(text):02d}" if f"{int(text):02d}" in self.by_era[other] else None
            if code is not None and other == 63:
                hint = (
                    f"{self.name(code, 63)} is a province of before July 2025, "
                    f"part of {self.name(self.successor(code), 34)} since"
                )
            elif code is not None:
                hint = f"{self.name(code, 34)} is a province of from July 2025"
        raise UnknownProvince(text, era, self.suggest(text, era), hint)

    def suggest(self, value: str, era: int | None = None, n: int = 3) -> list[str]:
        eras = (era,) if era else (34, 63)
        names = {fold(p.name): p.name for e in eras for p in self.by_era[e].values()}
        target = strip_prefixes(fold(value))
        return [names[m] for m in difflib.get_close_matches(target, names.keys(), n=n, cutoff=0.5)]


@lru_cache(maxsize=1)
def default_registry() -> ProvinceRegistry:
    return ProvinceRegistry.load()
