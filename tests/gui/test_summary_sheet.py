"""Issue 14: one-page summary sheets, print palette under the dark theme, region numbers on paper."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.content import crisis, placeholders
from desktop_app.content.loader import Glossary, load_glossary
from desktop_app.gui import printing, theme
from desktop_app.render import sheet

PRINTED = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(path: Path) -> list[str]:
    return [norm(p.extract_text() or "") for p in PdfReader(str(path)).pages]


# --------------------------------------------------------------------------- one page, every term


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_terms_summary_is_exactly_one_page(glossary: Glossary, paper: str) -> None:
    levels = {}
    for slug, term in sorted(glossary.terms.items()):
        layout = printing.build_layout([term], paper=paper, region="US", glossary=glossary, sheet_kind="summary")
        assert layout.page_count == 1, f"{slug} runs to {layout.page_count} pages on {paper}"
        (doc,) = {piece.doc for page in layout.pages for piece in page}
        assert printing._used_bottom(doc) <= layout.geometry.body.height(), f"{slug} overflows its page"
        assert printing.is_fully_laid_out(doc)
        levels[slug] = layout.summary_levels[slug]
    # The floor level exists for safety; the real glossary never needs it.
    assert max(levels.values()) < len(sheet.SUMMARY_LEVELS) - 1


def test_a_very_long_term_still_fits_one_page(glossary: Glossary) -> None:
    base = glossary.terms["naloxone"]
    long_plain = " ".join(["This is a long sentence written to make the plain summary far too long for a page."] * 30)
    term = dataclasses.replace(base, plain=long_plain, aliases=tuple(f"alias {i}" for i in range(40)),
                               related=tuple(glossary.terms)[:40])
    for paper in ("letter", "a4"):
        layout = printing.build_layout([term], paper=paper, region="UK", sheet_kind="summary")
        assert layout.page_count == 1 and layout.summary_levels[term.slug] >= 5  # trimmed, not overflowing


def test_summary_has_every_part(glossary: Glossary, tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    report = printing.export_pdf([glossary.terms["naloxone"]], out, paper="letter", region="US", glossary=glossary,
                                 sheet_kind="summary", printed=PRINTED)
    assert report.pages == 1
    (text,) = pdf_pages(out)
    for part in ("Naloxone", "Also known as", "In plain words", "Key points", "What you can do",
                 "When to get help", "In an emergency: Call 911", "Related terms:", "Sources",
                 "Crisis help (United States)", "Page 1 of 1"):
        assert part in text, part
    assert "It isn't a substitute for calling 911." in text  # a "What it isn't" lead-in, number filled in


def test_summary_handout_is_one_page_per_term_plus_contents_when_it_helps(glossary: Glossary, tmp_path: Path) -> None:
    terms = [glossary.terms[s] for s in ("depression", "naloxone", "cbt")]
    small = printing.build_layout(terms, paper="a4", region="US", sheet_kind="summary", title="For you")
    assert small.page_count == 3 and not small.handout  # three pages need no contents page
    everything = sorted(glossary.terms.values(), key=lambda t: t.title)
    out = tmp_path / "all.pdf"
    report = printing.export_pdf(everything, out, paper="letter", region="UK", glossary=glossary,
                                 sheet_kind="summary", printed=PRINTED)
    pages = pdf_pages(out)
    contents = report.pages - len(everything)
    # "About one page per term": the contents list takes a few pages more (157 rows).
    assert report.pages == len(pages) and 1 <= contents <= len(everything) // 15
    assert "Contents" in pages[0]
    for term, text in zip(everything, pages[contents:], strict=True):
        assert text.startswith(norm(term.title)), term.slug
    # Every page carries the crisis line (UK), the notice and its page number.
    region = crisis.get_region("UK")
    for i, text in enumerate(pages, start=1):
        assert norm(region.footer_text) in text, f"page {i} has no crisis line"
        assert f"Page {i} of {len(pages)}" in text


def test_every_page_of_a_full_handout_carries_the_crisis_line(glossary: Glossary, tmp_path: Path) -> None:
    terms = [glossary.terms[s] for s in ("naloxone", "depression", "suicidal-ideation")]
    for code in ("US", "AU"):
        out = tmp_path / f"full-{code}.pdf"
        printing.export_pdf(terms, out, paper="a4", region=code, glossary=glossary, printed=PRINTED)
        footer = norm(crisis.get_region(code).footer_text)
        pages = pdf_pages(out)
        assert len(pages) > 6 and all(footer in p for p in pages)


# --------------------------------------------------------------------------- the region's own numbers


@pytest.mark.parametrize("kind", ["full", "summary"])
def test_uk_naloxone_sheet_says_999_and_never_911(glossary: Glossary, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"naloxone-uk-{kind}.pdf"
    printing.export_pdf([glossary.terms["naloxone"]], out, paper="a4", region="UK", glossary=glossary,
                        sheet_kind=kind, printed=PRINTED)
    text = " ".join(pdf_pages(out))
    assert "999" in text and "911" not in text and "988" not in text
    assert "calling 999" in text and "Samaritans" in text


@pytest.mark.parametrize("code", ["UK", "AU", "NZ", "IE", "CA"])
def test_no_us_number_on_any_non_us_sheet(glossary: Glossary, code: str) -> None:
    """Every placeholder is filled in on paper, and outside the service entries no US number is left in the
    prose (a link naming a service's entry, "[988 Lifeline](term:988-lifeline)", is a name, not a number)."""
    region = crisis.get_region(code)
    service_link = re.compile(r"\[[^\]]*\]\(term:(" + "|".join(placeholders.SERVICE_ENTRIES) + r")\)")
    for term in glossary.terms.values():
        for html in (sheet.sheet_html(term, region=region), sheet.summary_html(term, region=region)):
            assert "{{" not in html, term.slug
        if term.slug in placeholders.SERVICE_ENTRIES or code == "CA":  # Canada's emergency number is 911 too
            continue
        texts = [term.summary, term.plain, *(s.body for s in term.sections),
                 *(f"{f.question} {f.answer}" for f in term.faqs)]
        for text in texts:
            shown = placeholders.resolve(service_link.sub("", text), region)
            assert "911" not in shown and "988" not in shown, (term.slug, code, shown)


# --------------------------------------------------------------------------- print is always print


def _rasterize(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    src = folder / f"{name}.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", str(src), str(folder / name)], check=True, timeout=120)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.ppm"))]


def _images(layout: printing.SheetLayout) -> list[bytes]:
    out = []
    for i in range(layout.page_count):
        image = layout.page_image(i, dpi=50)
        out.append(bytes(image.constBits()))
    return out


@pytest.fixture
def dark_theme(qapp):
    old = qapp.palette()
    theme.apply(qapp, "dark")
    yield
    qapp.setPalette(old)


def _jobs(glossary: Glossary) -> dict[str, dict]:
    naloxone = glossary.terms["naloxone"]
    three = [glossary.terms[s] for s in ("depression", "naloxone", "cbt")]
    return {
        "sheet": {"terms": [naloxone], "sheet_kind": "full"},
        "summary": {"terms": [naloxone], "sheet_kind": "summary"},
        "handout": {"terms": three, "sheet_kind": "full", "title": "For the family"},
        "summary-handout": {"terms": [*three, glossary.terms["psychosis"]], "sheet_kind": "summary"},
    }


def _layouts(glossary: Glossary) -> dict[str, printing.SheetLayout]:
    return {name: printing.build_layout(paper="letter", region="US", glossary=glossary, printed=PRINTED, **job)
            for name, job in _jobs(glossary).items()}


def test_dark_theme_prints_exactly_like_the_light_theme(glossary: Glossary, qapp, tmp_path: Path) -> None:
    light = _layouts(glossary)
    light_images = {k: _images(v) for k, v in light.items()}
    light_pdfs = {k: v.to_pdf_bytes() for k, v in light.items()}
    old = qapp.palette()
    theme.apply(qapp, "dark")
    try:
        assert qapp.palette().color(qapp.palette().ColorRole.Text).lightness() > 200  # the screen is dark
        dark = _layouts(glossary)
        dark_images = {k: _images(v) for k, v in dark.items()}
        dark_pdfs = {k: v.to_pdf_bytes() for k, v in dark.items()}
    finally:
        qapp.setPalette(old)
    for name in light:
        assert light_images[name] == dark_images[name], f"{name}: dark-theme pages differ from light-theme pages"
    if shutil.which("pdftoppm"):
        for name in light:
            a = _rasterize(light_pdfs[name], tmp_path, f"light-{name}")
            b = _rasterize(dark_pdfs[name], tmp_path, f"dark-{name}")
            assert a and a == b, f"{name}: the dark-theme PDF renders differently from the light-theme PDF"


def test_dark_theme_text_is_dark_ink(glossary: Glossary, dark_theme) -> None:
    layout = printing.build_layout([glossary.terms["naloxone"]], paper="a4", region="US", sheet_kind="summary")
    image = layout.page_image(0, dpi=60)
    inked = [image.pixelColor(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
             if image.pixelColor(x, y).lightness() < 250]
    darkest = min(c.lightness() for c in inked)
    assert darkest < 60, f"the darkest ink is lightness {darkest}: text printed grey"


def test_preview_under_the_dark_theme_matches_the_light_one(glossary: Glossary, qapp, monkeypatch) -> None:
    monkeypatch.setattr(printing, "_new_printer", lambda: pytest.fail("the preview built a QPrinter"))
    shown = []
    monkeypatch.setattr(printing, "_exec_preview_dialog", shown.append)

    def pages() -> list[bytes]:
        printing.print_preview(None, [glossary.terms["naloxone"]], "US", paper="letter", sheet_kind="summary")
        dialog = shown.pop()
        images = [bytes(label.pixmap().toImage().constBits()) for label in dialog.page_labels]
        assert dialog.count.text() == "1 page" and dialog.sheet_combo.currentData() == "summary"
        dialog.close()
        return images

    light = pages()
    old = qapp.palette()
    theme.apply(qapp, "dark")
    try:
        dark = pages()
    finally:
        qapp.setPalette(old)
    assert light == dark


def test_preview_switches_between_full_and_summary(glossary: Glossary, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(printing, "_exec_preview_dialog", shown.append)
    printing.print_preview(None, [glossary.terms["depression"]], "US", paper="a4")
    (dialog,) = shown
    full = len(dialog.page_labels)
    assert full > 1 and dialog.count.text() == f"{full} pages"
    dialog.sheet_combo.setCurrentIndex(dialog.sheet_combo.findData("summary"))
    dialog.sheet_combo.activated.emit(dialog.sheet_combo.currentIndex())
    assert len(dialog.page_labels) == 1 and dialog.count.text() == "1 page"
    printed = []
    monkeypatch.setattr(printing, "print_dialog", lambda *a, **k: printed.append((k["paper"], k["sheet_kind"])))
    dialog.print_button.click()
    assert printed == [("a4", "summary")]
    dialog.close()


def test_unknown_sheet_is_a_clear_error(glossary: Glossary) -> None:
    with pytest.raises(printing.PrintError, match="Unknown sheet 'poster'"):
        printing.build_layout([glossary.terms["naloxone"]], sheet_kind="poster")
