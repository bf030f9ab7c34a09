"""Cards from the content, safe messaging, and the Anki export read back (.apkg database, CSV headers)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.content import crisis
from desktop_app.content.loader import load_glossary
from desktop_app.study import decks, export
from desktop_app.study.cards import _UNSAFE_RE, cards_for_term, cards_for_terms, is_safe_messaging


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


US = crisis.get_region("US")
UK = crisis.get_region("UK")


def test_every_kind_of_card_from_a_medicine(glossary) -> None:
    cards = cards_for_term(glossary.terms["ssris"], US)
    kinds = {c.kind for c in cards}
    assert kinds == {"definition", "name", "faq", "isnt", "medicine"}
    definition = next(c for c in cards if c.kind == "definition")
    assert definition.back.startswith(glossary.terms["ssris"].summary)
    assert "\n\nIn plain words: " in definition.back and "{{" not in definition.back  # placeholders filled
    plain = dataclasses.replace(glossary.terms["ssris"], plain="They are medicines for low mood.")
    assert cards_for_term(plain, US)[0].back.endswith("\n\nIn plain words: They are medicines for low mood.")
    fronts = [c.front for c in cards]
    assert any("“Prozac”" in f for f in fronts) and any("“SSRIs”" in f for f in fronts)
    assert sum(c.kind == "faq" for c in cards) == len(glossary.terms["ssris"].faqs)
    med = next(c for c in cards if c.kind == "medicine")
    assert "antidepressants" in med.back and "Serotonin syndrome" in med.back and "prescriber" in med.back
    isnt = [c for c in cards if c.kind == "isnt"]
    assert any("It is not an SNRI." in c.front for c in isnt)
    assert all(c.link == "term:ssris" and c.crisis == "" for c in cards)


def test_ids_and_guids_are_stable_and_unique(glossary) -> None:
    a = cards_for_terms(glossary.terms.values(), US)
    b = cards_for_terms(load_glossary().terms.values(), UK)  # another load, another region
    assert [c.card_id for c in a] == [c.card_id for c in b]
    assert [c.guid for c in a] == [c.guid for c in b]
    assert len({c.guid for c in a}) == len(a) > 1000
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{12}", c.guid) for c in a)


SAFE = ("suicidal-ideation", "self-harm", "lethal-means-safety")


@pytest.mark.parametrize("slug", SAFE)
def test_safe_messaging_terms_have_no_quiz_on_methods_or_numbers(glossary, slug) -> None:
    term = glossary.terms[slug]
    assert is_safe_messaging(term)
    for region in (US, UK):
        cards = cards_for_term(term, region)
        assert cards, slug
        assert not any(c.kind == "faq" for c in cards)
        for c in cards:
            assert c.crisis == region.panel_text  # the region's crisis line on every card
            if c.kind != "definition":
                assert not _UNSAFE_RE.search(c.front) and not _UNSAFE_RE.search(c.back), c


def test_crisis_related_terms_are_found_by_slug_and_names(glossary) -> None:
    flagged = {s for s, t in glossary.terms.items() if is_safe_messaging(t)}
    assert {"suicidal-ideation", "self-harm", "lethal-means-safety", "crisis-line", "988-lifeline",
            "veterans-crisis-line", "mobile-crisis-team", "safety-plan", "naloxone"} <= flagged
    assert "ssris" not in flagged and "neuron" not in flagged
    # Cards of crisis services never quiz a number either.
    for slug in ("988-lifeline", "crisis-line"):
        for c in cards_for_term(glossary.terms[slug], US):
            assert c.crisis and (c.kind == "definition" or not re.search(r"\d", c.front + c.back))


def _notes(apkg: Path, tmp: Path) -> dict[str, tuple[int, str, str]]:
    with zipfile.ZipFile(apkg) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp)
    con = sqlite3.connect(tmp / "collection.anki2")
    try:
        rows = con.execute("select guid, mid, flds, tags from notes").fetchall()
        decks_json = con.execute("select decks from col").fetchone()[0]
        cards_n = con.execute("select count(*), count(distinct did) from cards").fetchone()
    finally:
        con.close()
    assert str(export.DECK_ID) in decks_json
    assert cards_n[0] == len(rows) and cards_n[1] == 1
    return {g: (mid, flds, tags) for g, mid, flds, tags in rows}


def test_apkg_read_back_and_a_second_export_keeps_every_guid(glossary, tmp_path) -> None:
    deck = decks.from_category(glossary, "Medications")
    cards = deck.cards(glossary, US)
    first, second = tmp_path / "a" / "meds.apkg", tmp_path / "b" / "meds.apkg"
    export.export(cards, first)
    export.export(deck.cards(load_glossary(), US), second)
    n1, n2 = _notes(first, tmp_path / "x1"), _notes(second, tmp_path / "x2")
    assert set(n1) == set(n2) == {c.guid for c in cards}
    assert len(n1) == len(cards) > 100
    assert {mid for mid, _, _ in n1.values()} == {export.MODEL_ID}
    # The notes' fields: front, back, term, kind, crisis, card id (\x1f separated), the same in both exports.
    for guid, (_mid, flds, tags) in n1.items():
        assert n2[guid][1] == flds
        assert len(flds.split("\x1f")) == len(export.FIELDS)
        assert "brain-glossary::medications" in tags
    by_id = {flds.split("\x1f")[5]: flds for _m, flds, _t in n1.values()}
    ssri_def = by_id["ssris/definition"].split("\x1f")
    assert "Selective serotonin reuptake inhibitors" in ssri_def[0] and "brain-glossary --term ssris" in ssri_def[2]
    # A bigger deck later (all terms) keeps the same GUIDs for the same cards: Anki updates, never duplicates.
    everything = tmp_path / "all.apkg"
    export.export(decks.all_terms(glossary).cards(glossary, US), everything)
    assert set(n1) <= set(_notes(everything, tmp_path / "x3"))


def test_csv_has_ankis_header_lines_and_guids(glossary, tmp_path) -> None:
    cards = decks.from_slugs(glossary, ["ssris", "suicidal-ideation"]).cards(glossary, US)
    out = tmp_path / "cards.csv"
    export.export(cards, out)
    text = out.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[:3] == ["#separator:Comma", "#html:true", "#notetype:Basic"]
    assert "#deck:Brain & Body Glossary" in header and "#guid column:1" in header and "#tags column:4" in header
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == len(cards)
    assert [r[0] for r in rows] == [c.guid for c in cards]
    assert all(len(r) == 4 for r in rows)
    si = [r for r, c in zip(rows, cards, strict=True) if c.slug == "suicidal-ideation"]
    assert si and all("988" in r[1] and "988" in r[2] for r in si)  # the crisis line on both sides
    export.export(cards, out)
    assert out.read_text(encoding="utf-8") == text  # a second export is identical


def test_export_refuses_bad_targets(glossary, tmp_path) -> None:
    cards = decks.from_slugs(glossary, ["ocd"]).cards(glossary, US)
    with pytest.raises(export.ExportError, match=r"must end in \.apkg"):
        export.export(cards, tmp_path / "x.txt")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(export.ExportError, match="folder"):
        export.export(cards, tmp_path / "dir.csv")
    (tmp_path / "link.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(export.ExportError, match="symbolic link"):
        export.export(cards, tmp_path / "link.csv")
    assert not (tmp_path / "elsewhere.csv").exists()
    with pytest.raises(export.ExportError, match="no cards"):
        export.export([], tmp_path / "empty.csv")


def test_study_core_imports_without_qt() -> None:
    code = ("import sys, desktop_app.study.cards, desktop_app.study.decks, desktop_app.study.progress, "
            "desktop_app.study.scheduler, desktop_app.study.session, desktop_app.study.export, "
            "desktop_app.study.card_html\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'fsrs', 'genanki')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""  # no Qt, and fsrs/genanki only when used


def test_cli_export_and_errors(tmp_path) -> None:
    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop_app", "study", *args], capture_output=True, text=True,
                              timeout=120)

    out = tmp_path / "care.apkg"
    r = run("export", "--category", "care-and-support", "-o", str(out))
    assert r.returncode == 0, r.stderr
    n = sum(1 for t in load_glossary().terms.values() if t.category == "Care and Support")
    assert f"cards from {n} terms (Care and Support)" in r.stdout and out.stat().st_size > 10_000
    r = run("export", "ssris", "lithum", "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 1 and "did you mean 'lithium'" in r.stderr and not (tmp_path / "x.csv").exists()
    r = run("export", "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 2
    r = run("export", "--list", str(tmp_path / "missing.handout.json"), "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = run("due", "--category", "Medications")
    assert r.returncode == 0 and f"Medications: {sum(1 for t in load_glossary().terms.values() if t.category == 'Medications')} terms" in r.stdout and "0 due" in r.stdout


def test_region_placeholders_are_filled_for_the_region(glossary) -> None:
    us = cards_for_terms(glossary.terms.values(), US)
    uk = cards_for_terms(glossary.terms.values(), UK)
    assert [c.card_id for c in us] == [c.card_id for c in uk]
    assert not any("{{" in c.front + c.back for c in us + uk)
    differ = [(a, b) for a, b in zip(us, uk, strict=True) if a.back != b.back]
    assert differ  # the term text names the reader's emergency number and crisis line
    for a, b in differ:
        if "911" in a.back:
            assert "911" not in b.back and "999" in b.back
