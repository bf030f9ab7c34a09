"""Crisis lines by region (Qt-free). The data lives in ``resources/crisis/regions.yaml``.

The crisis panel is the one thing that must never break, so loading never raises: if the data file
is damaged, :func:`load_regions` falls back to the built-in US facts below (the same VERIFIED facts
that the data file carries) and :func:`validate_all` reports what is wrong.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from desktop_app import paths

PANEL_OPENING = "In crisis or thinking about suicide?"
CONTACT_KINDS = ("call", "text", "chat", "email", "textphone")


# Records are NamedTuples, not frozen dataclasses: the window needs them before its first paint, and each
# dataclass compiles its methods when it is defined (~1 ms each at start-up; see docs/pitfalls.md).
class Contact(NamedTuple):
    kind: str  # one of CONTACT_KINDS
    value: str


class CrisisSource(NamedTuple):
    title: str
    publisher: str
    url: str
    date: str  # as shown on the source page, or "n.d."


class CrisisLine(NamedTuple):
    name: str
    how: tuple[Contact, ...]
    hours: str
    source: CrisisSource
    note: str = ""
    formerly: str = ""

    def how_text(self) -> str:
        """'Call 988 · Text 988 · Chat 988lifeline.org'."""
        return " · ".join(f"{c.kind.capitalize()} {c.value}" for c in self.how)


class Region(NamedTuple):
    code: str
    name: str
    emergency: str
    emergency_note: str
    emergency_source: CrisisSource
    panel: str
    lines: tuple[CrisisLine, ...]
    checked: _dt.date | None = None
    crisis_line: str = ""  # what {{crisis_line}} in term text reads, e.g. "the 988 ... Lifeline (call or text 988)"

    @property
    def crisis_line_text(self) -> str:
        """The region's first crisis line as a phrase that follows "contact": from ``crisis_line`` in
        regions.yaml, else built from the line's name and its call/text numbers."""
        if self.crisis_line:
            return self.crisis_line
        first = self.lines[0]
        calls = [c.value for c in first.how if c.kind == "call"]
        texts = [c.value for c in first.how if c.kind == "text"]
        if calls and texts and calls[0] == texts[0]:
            how = f"call or text {calls[0]}"
        else:
            how = " or ".join([*(f"call {v}" for v in calls[:1]), *(f"text {v}" for v in texts[:1])])
        return f"{first.name} ({how})" if how else first.name

    @property
    def panel_text(self) -> str:
        """The full sentence shown in the always-visible crisis panel."""
        return (f"{PANEL_OPENING} {self.panel}. If someone is in immediate danger, call {self.emergency}.")

    @property
    def footer_text(self) -> str:
        """The one-line version printed on every page of a sheet."""
        first = self.lines[0]
        return f"Crisis help ({self.name}): {first.name}, {first.how_text()}. Emergency: {self.emergency}."


# The built-in fallback: used only when regions.yaml cannot be read. VERIFIED in crisis_facts.md (U1, U2, U5).
_US_SOURCE = CrisisSource(
    title="988 Key Messages and Points of Contact",
    publisher="National Council for Mental Wellbeing",
    url="https://www.thenationalcouncil.org/resources/988-key-messages-and-points-of-contact/",
    date="2022-07-13",
)
FALLBACK_US = Region(
    code="US",
    name="United States",
    emergency="911",
    emergency_note="Call 911 if someone is in immediate danger.",
    emergency_source=_US_SOURCE,
    panel="Call or text 988 in the US, available 24 hours a day",
    crisis_line="the 988 Suicide & Crisis Lifeline (call or text 988)",
    lines=(
        CrisisLine(
            name="988 Suicide & Crisis Lifeline",
            how=(Contact("call", "988"), Contact("text", "988"), Contact("chat", "988lifeline.org")),
            hours="24 hours a day, 7 days a week; free and confidential",
            source=_US_SOURCE,
        ),
    ),
)


class CrisisDataError(ValueError):
    pass


def _source(raw: Any, where: str) -> CrisisSource:
    if not isinstance(raw, dict):
        raise CrisisDataError(f"{where}: source must have title, publisher, url and date")
    missing = [k for k in ("title", "publisher", "url", "date") if not str(raw.get(k) or "").strip()]
    if missing:
        raise CrisisDataError(f"{where}: source is missing {', '.join(missing)}")
    if not str(raw["url"]).startswith("https://"):
        raise CrisisDataError(f"{where}: source url '{raw['url']}' must start with https://")
    return CrisisSource(str(raw["title"]), str(raw["publisher"]), str(raw["url"]), str(raw["date"]))


def parse_regions(data: Any, origin: str = "regions.yaml") -> tuple[dict[str, Region], str, list[str]]:
    """Turn the YAML data into regions. Returns (regions by code, default code, problems)."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        return {}, "US", [f"{origin}: expected 'regions:' with a list of regions"]
    checked = data.get("fact_sheet_checked")
    checked_date = checked if isinstance(checked, _dt.date) else None
    if checked_date is None:
        problems.append(f"{origin}: fact_sheet_checked must be a date (YYYY-MM-DD)")
    regions: dict[str, Region] = {}
    for i, raw in enumerate(data["regions"]):
        where = f"{origin}: region {i + 1}"
        try:
            if not isinstance(raw, dict):
                raise CrisisDataError(f"{where}: must be a set of fields")
            code = str(raw.get("code") or "").strip()
            where = f"{origin}: region {code or i + 1}"
            for key in ("code", "name", "emergency", "emergency_note", "panel"):
                if not str(raw.get(key) or "").strip():
                    raise CrisisDataError(f"{where}: '{key}' is missing")
            lines_raw = raw.get("lines")
            if not isinstance(lines_raw, list) or not lines_raw:
                raise CrisisDataError(f"{where}: needs at least one crisis line")
            lines: list[CrisisLine] = []
            for j, lr in enumerate(lines_raw):
                lwhere = f"{where}, line {j + 1}"
                if not isinstance(lr, dict) or not str(lr.get("name") or "").strip():
                    raise CrisisDataError(f"{lwhere}: needs a name")
                how_raw = lr.get("how")
                if not isinstance(how_raw, list) or not how_raw:
                    raise CrisisDataError(f"{lwhere} ({lr['name']}): 'how' must list call/text/chat contacts")
                how: list[Contact] = []
                for c in how_raw:
                    if not isinstance(c, dict) or c.get("kind") not in CONTACT_KINDS or not str(c.get("value") or ""):
                        raise CrisisDataError(f"{lwhere} ({lr['name']}): each contact needs kind "
                                              f"({', '.join(CONTACT_KINDS)}) and value")
                    how.append(Contact(str(c["kind"]), str(c["value"])))
                if not str(lr.get("hours") or "").strip():
                    raise CrisisDataError(f"{lwhere} ({lr['name']}): 'hours' is missing")
                lines.append(CrisisLine(
                    name=str(lr["name"]), how=tuple(how), hours=str(lr["hours"]),
                    source=_source(lr.get("source"), f"{lwhere} ({lr['name']})"),
                    note=str(lr.get("note") or ""), formerly=str(lr.get("formerly") or ""),
                ))
            region = Region(
                code=code, name=str(raw["name"]), emergency=str(raw["emergency"]),
                emergency_note=str(raw["emergency_note"]),
                emergency_source=_source(raw.get("emergency_source"), f"{where} emergency"),
                panel=str(raw["panel"]).rstrip("."), lines=tuple(lines), checked=checked_date,
                crisis_line=str(raw.get("crisis_line") or "").strip(),
            )
            first_number = re.sub(r"[^0-9]", "", lines[0].how[0].value.split(",")[0])
            if first_number and first_number not in re.sub(r"[^0-9]", "", region.panel):
                raise CrisisDataError(f"{where}: the panel sentence does not name {lines[0].name}'s number")
            if region.crisis_line and first_number and first_number not in re.sub(r"[^0-9]", "", region.crisis_line):
                raise CrisisDataError(f"{where}: crisis_line does not name {lines[0].name}'s number")
            if code in regions:
                raise CrisisDataError(f"{where}: code '{code}' is used twice")
            regions[code] = region
        except CrisisDataError as exc:
            problems.append(str(exc))
    default = str(data.get("default") or "US")
    if default not in regions:
        problems.append(f"{origin}: default region '{default}' has no data")
        default = "US" if "US" in regions else next(iter(regions), "US")
    return regions, default, problems


def regions_path() -> Path:
    return paths.crisis_dir() / "regions.yaml"


def _read(path: Path, use_cache: bool = True) -> tuple[dict[str, Region], str, list[str]]:
    from desktop_app.content.datacache import load_yaml

    try:
        data = load_yaml(path, use_cache=use_cache)
    except Exception as exc:  # OSError, UnicodeDecodeError, yaml.YAMLError: the panel must never break
        return {}, "US", [f"{path}: cannot be read: {exc}"]
    return parse_regions(data, str(path))


@functools.lru_cache(maxsize=4)
def _load_cached(path_str: str) -> tuple[dict[str, Region], str, tuple[str, ...]]:
    regions, default, problems = _read(Path(path_str))
    if "US" not in regions:
        regions = {"US": FALLBACK_US, **regions}
    return regions, default, tuple(problems)


def load_regions(path: Path | None = None) -> dict[str, Region]:
    """Regions by code, never empty (the built-in US facts stand in if the file is damaged)."""
    return dict(_load_cached(str(path or regions_path()))[0])


def default_code(path: Path | None = None) -> str:
    return _load_cached(str(path or regions_path()))[1]


def validate_all(path: Path | None = None) -> list[str]:
    """Every problem in the real data file (never the speed-up cache)."""
    return list(_read(path or regions_path(), use_cache=False)[2])


# Locale country -> region code. The UK's ISO code is GB.
_COUNTRY_TO_REGION = {"US": "US", "CA": "CA", "GB": "UK", "UK": "UK", "IE": "IE", "AU": "AU", "NZ": "NZ"}


def region_for_country(country: str | None, available: dict[str, Region] | None = None) -> str:
    """The region for a locale's country code (``en_GB`` -> UK), US when the glossary has no data for it."""
    available = available if available is not None else load_regions()
    code = _COUNTRY_TO_REGION.get((country or "").upper(), "")
    return code if code in available else "US"


def get_region(code: str | None, path: Path | None = None) -> Region:
    regions = load_regions(path)
    code = (code or "").upper()
    if code == "GB":
        code = "UK"
    return regions.get(code) or regions.get(default_code(path)) or FALLBACK_US
