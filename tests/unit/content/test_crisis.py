"""Crisis data: only VERIFIED facts, validated, and a US panel that is pinned word for word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from desktop_app.content import crisis


def test_us_panel_facts_are_pinned() -> None:
    us = crisis.get_region("US")
    assert us.panel_text == (
        "In crisis or thinking about suicide? Call or text 988 in the US, available 24 hours a day. "
        "If someone is in immediate danger, call 911."
    )
    lifeline = us.lines[0]
    assert lifeline.name == "988 Suicide & Crisis Lifeline"
    assert ("call", "988") in [(c.kind, c.value) for c in lifeline.how]
    assert ("text", "988") in [(c.kind, c.value) for c in lifeline.how]
    assert "24 hours a day" in lifeline.hours
    assert us.emergency == "911"


def test_every_region_is_valid_and_sourced() -> None:
    assert crisis.validate_all() == []
    regions = crisis.load_regions()
    assert set(regions) == {"US", "CA", "UK", "IE", "AU", "NZ"}
    for region in regions.values():
        assert region.emergency
        assert region.lines
        assert region.checked == dt.date(2026, 11, 28)
        for line in region.lines:
            assert line.source.url.startswith("https://")
            assert line.source.publisher and line.source.title
        assert region.emergency in region.panel_text


@pytest.mark.parametrize(
    ("code", "emergency", "number"),
    [("CA", "911", "9-8-8"), ("UK", "999", "116 123"), ("IE", "112 or 999", "116 123"),
     ("AU", "000", "13 11 14"), ("NZ", "111", "1737")],
)
def test_region_numbers(code: str, emergency: str, number: str) -> None:
    region = crisis.get_region(code)
    assert region.emergency == emergency
    assert number in region.panel_text
    assert number in region.footer_text


def test_no_unverified_facts_slipped_in() -> None:
    """Entries that the fact sheet marks PARTLY or NOT VERIFIED must not appear."""
    text = (crisis.regions_path()).read_text(encoding="utf-8")
    for banned in ("741741", "Press 3", "press 3", "1-800-662", "50808", "1-833-456-4566", "45645", "0508 828 865"):
        assert banned not in text


def test_locale_mapping() -> None:
    assert crisis.region_for_country("GB") == "UK"
    assert crisis.region_for_country("nz") == "NZ"
    assert crisis.region_for_country("FR") == "US"
    assert crisis.region_for_country(None) == "US"
    assert crisis.get_region("gb").code == "UK"
    assert crisis.get_region("zz").code == "US"


def _write(tmp_path: Path, data: object) -> Path:
    p = tmp_path / "regions.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    return p


def test_damaged_file_falls_back_to_us_and_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "regions.yaml"
    p.write_bytes(b"\x00\xff not yaml: [")
    assert crisis.validate_all(p)
    assert crisis.get_region("US", p).panel_text == crisis.FALLBACK_US.panel_text
    assert crisis.get_region("UK", p).code == "US"


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda r: r.pop("emergency"), "'emergency' is missing"),
        (lambda r: r.update(lines=[]), "at least one crisis line"),
        (lambda r: r["lines"][0].pop("source"), "source must have"),
        (lambda r: r["lines"][0]["source"].update(url="http://x"), "must start with https://"),
        (lambda r: r.update(panel="Call someone"), "does not name"),
        (lambda r: r["lines"][0]["how"][0].update(kind="fax"), "each contact needs kind"),
    ],
)
def test_validation_rules(tmp_path: Path, mutate, fragment: str) -> None:
    data = yaml.safe_load(crisis.regions_path().read_text(encoding="utf-8"))
    mutate(data["regions"][0])
    problems = crisis.validate_all(_write(tmp_path, data))
    assert any(fragment in p for p in problems), problems
