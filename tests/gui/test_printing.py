"""Term sheets and handouts as PDF, read back with pypdf; pages rendered to images; error paths."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import errno
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QSizeF
from PySide6.QtGui import QImage, QPdfWriter, QTextDocument

from desktop_app.content import crisis
from desktop_app.content.loader import Glossary, load_glossary
from desktop_app.content.model import Faq, Section, Source, Term
from desktop_app.gui import printing
from desktop_app.render import sheet

PRINTED = dt.date(2026, 11, 28)


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    g = load_glossary()
    assert g.terms, "no terms to print"
    return g


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def norm(text: str) -> str:
    """Extracted PDF text with ligatures undone and all runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squash(text: str) -> str:
    """No whitespace at all: a URL wrapped over two lines still matches."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def long_term(slug: str = "long-term", paragraphs: int = 6, title: str = "A long term") -> Term:
    para = ("Sentence with enough ordinary words to fill a printed line or two on the page. " * 6).strip()
    sections = tuple(
        Section(f"Section number {i}", f"section-number-{i}", "\n\n".join([para] * paragraphs), i)
        for i in range(1, 7)
    )
    return Term(
        slug=slug, title=title, category="Conditions", summary="A term made long on purpose.",
        aliases=("lengthy",), related=("rumination", "not-yet-written"),
        sources=(Source("A page", "Publisher", "https://example.org/" + "very-long-path-segment/" * 6, PRINTED),
                 Source("No page", "Publisher", None)),
        reviewed=dt.date(2026, 11, 1),
        faqs=(Faq("Is this long?", para), Faq("Is it still long?", para)),
        sections=sections,
    )


# --------------------------------------------------------------------------- one sheet


def test_single_sheet_pdf_has_everything(glossary: Glossary, tmp_path: Path) -> None:
    term = glossary.terms.get("rumination") or next(iter(glossary.terms.values()))
    out = tmp_path / "sheet.pdf"
    report = printing.export_pdf([term], out, paper="letter", region="US", glossary=glossary, printed=PRINTED)
    reader = PdfReader(str(out))
    assert report.pages == len(reader.pages) >= 1
    assert report.seconds < 1.0  # "well under a second"
    texts = [norm(t) for t in pages_text(out)]
    whole = " ".join(texts)
    assert whole.startswith(norm(term.title))
    for section in term.sections:
        assert norm(section.heading) in whole
    for faq in term.faqs:
        assert norm(faq.question) in whole
    assert "Frequently asked questions" in whole and "Sources" in whole and "Related terms" in whole
    for source in term.sources:
        assert norm(source.title) in whole
        if source.url:
            assert squash(source.url) in squash(whole)
    assert f"Entry reviewed {term.reviewed.isoformat()}." in whole
    for name in (glossary.terms[s].title for s in term.related if s in glossary.terms):
        assert norm(name) in whole
    assert "term:" not in whole

    footer = norm(crisis.get_region("US").footer_text)
    notice = norm(sheet.footer_notice(PRINTED, glossary.content_version))
    for i, text in enumerate(texts, start=1):
        assert footer in text, f"page {i} has no crisis footer"
        assert notice in text, f"page {i} has no printed/disclaimer line"
        assert f"Page {i} of {len(texts)}" in text
    assert reader.metadata.title == term.title
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_and_region_footer(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    out = tmp_path / "a4.pdf"
    printing.export_pdf([term], out, paper="a4", region="UK", glossary=glossary)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    uk = norm(crisis.get_region("UK").footer_text)
    assert "Samaritans" in uk
    assert all(uk in norm(t) for t in pages_text(out))


@pytest.mark.parametrize(("locale", "paper"), [("en_US", "letter"), ("fr_CA", "letter"), ("en_GB", "a4"),
                                               ("de_DE", "a4"), ("en_AU", "a4")])
def test_paper_follows_locale(locale: str, paper: str) -> None:
    assert printing.default_paper(QLocale(locale)) == paper
    # A locale with a country wins over the crisis region.
    assert printing.default_paper(QLocale(locale), region="UK" if paper == "letter" else "US") == paper


@pytest.mark.parametrize(("region", "paper"), [("US", "letter"), ("CA", "letter"), ("UK", "a4"), ("AU", "a4"),
                                               (None, "a4")])
def test_paper_follows_the_crisis_region_when_the_locale_has_no_country(region, paper) -> None:
    assert printing.default_paper(QLocale.c(), region=region) == paper


def test_paper_names() -> None:
    assert printing.normalize_paper("Letter") == "letter"
    assert printing.normalize_paper(" A4 ") == "a4"
    with pytest.raises(printing.PrintError, match="legal"):
        printing.normalize_paper("legal")


def test_no_terms_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(printing.PrintError, match="at least one term"):
        printing.export_pdf([], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- handouts


def test_handout_has_contents_and_each_term_on_its_own_page(glossary: Glossary, tmp_path: Path) -> None:
    terms = sorted(glossary.terms.values(), key=lambda t: t.slug)[:6]
    out = tmp_path / "handout.pdf"
    report = printing.export_pdf(terms, out, paper="a4", region="US", title="Week 3 revision",
                                 glossary=glossary)
    texts = [norm(t) for t in pages_text(out)]
    assert report.pages == len(texts)
    assert texts[0].startswith("Week 3 revision")
    assert f"{len(terms)} terms from Brain & Body Glossary" in texts[0]
    contents = texts[0]
    for term in terms:
        # the contents line: "<n>. <title> (<category>) <page>"; that page begins with the title
        m = re.search(re.escape(norm(term.title)) + r" \(" + re.escape(term.category) + r"\) (\d+)", contents)
        assert m, f"{term.title} missing from the contents page"
        page = int(m.group(1))
        assert texts[page - 1].startswith(norm(term.title)), f"{term.title} is not at the top of page {page}"
    assert PdfReader(str(out)).metadata.title == "Week 3 revision"
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of {len(texts)}" in text


def test_compact_flows_terms(glossary: Glossary, tmp_path: Path) -> None:
    terms = sorted(glossary.terms.values(), key=lambda t: t.slug)[:8]
    normal = printing.build_layout(terms, paper="letter", glossary=glossary)
    compact = printing.build_layout(terms, paper="letter", glossary=glossary, compact=True)
    assert compact.page_count < normal.page_count
    shared = [page for page in compact.pages if len({id(p.doc) for p in page}) > 1]
    assert shared, "no page is shared by two terms in compact mode"
    out = tmp_path / "compact.pdf"
    printing.export_pdf(terms, out, paper="letter", compact=True, glossary=glossary)
    whole = norm(" ".join(pages_text(out)))
    for term in terms:  # nothing is lost by flowing: every title, heading and last source is printed
        assert norm(term.title) in whole
        for section in term.sections:
            assert norm(section.heading) in whole
        assert f"Entry reviewed {term.reviewed.isoformat()}." in whole
    # the contents page numbers point at the page where each title is
    texts = [norm(t) for t in pages_text(out)]
    for entry in compact.entries:
        assert norm(entry.term.title) in texts[entry.first_page]


def test_single_term_with_title_gets_a_cover(glossary: Glossary) -> None:
    term = next(iter(glossary.terms.values()))
    assert not printing.build_layout([term]).handout
    layout = printing.build_layout([term], title="For Sam")
    assert layout.handout and layout.title == "For Sam"


# --------------------------------------------------------------------------- headings


def test_heading_at_page_bottom_moves_to_next_page(qapp) -> None:
    layout = printing.build_layout([long_term()], paper="letter")
    doc = layout._new_doc("<p>" + "Filler words for the page. " * 40 + "</p><h2>Stranded?</h2><p>"
                          + "Body text that follows the heading. " * 30 + "</p>", 1800)
    doc.pageCount()
    heading = doc.findBlockByNumber(1)
    assert heading.text() == "Stranded?"
    rect = doc.documentLayout().blockBoundingRect(heading)
    # a page that ends just below the heading: the heading fits, its paragraph does not
    page_height = rect.bottom() + 5
    doc.setPageSize(QSizeF(1800, page_height))
    assert printing.find_stranded_heading(doc, page_height) is not None
    assert printing.fix_page_breaks(doc, page_height) == 1
    assert printing.find_stranded_heading(doc, page_height) is None
    top = doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(1)).top()
    follower = doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(2)).top()
    assert int(top // page_height) == int(follower // page_height) == 1


def test_orphan_and_short_widow_move_whole(qapp) -> None:
    layout = printing.build_layout([long_term()], paper="letter")
    filler = "<p>" + "Filler words for the page. " * 40 + "</p>"
    para = "<p>" + "Words of a short paragraph. " * 7 + "</p>"
    doc = layout._new_doc(filler + para, 1800)
    doc.pageCount()
    block = doc.findBlockByNumber(1)
    n = block.layout().lineCount()
    assert 2 < n <= printing.WIDOW_MAX_LINES
    top = doc.documentLayout().blockBoundingRect(block).top()
    line = block.layout().lineAt(0)
    for keep, kind in ((1, "orphan"), (n - 1, "widow")):
        page_height = top + block.layout().lineAt(keep - 1).y() + line.height() + 1  # `keep` lines fit
        fresh = layout._new_doc(filler + para, 1800)
        fresh.setPageSize(QSizeF(1800, page_height))
        assert printing.find_split_paragraph(fresh, page_height) is not None, kind
        assert printing.fix_page_breaks(fresh, page_height) == 1, kind
        moved = fresh.findBlockByNumber(1)
        pages = {int((fresh.documentLayout().blockBoundingRect(moved).top() + moved.layout().lineAt(i).y())
                     // page_height) for i in range(n)}
        assert pages == {1}, kind


def test_no_heading_is_stranded_in_real_handouts(glossary: Glossary) -> None:
    terms = sorted(glossary.terms.values(), key=lambda t: t.slug)
    for compact in (False, True):
        for paper in ("letter", "a4"):
            layout = printing.build_layout(terms[:40], paper=paper, compact=compact, glossary=glossary)
            page_h = layout.geometry.body.height()
            docs = {id(p.doc): p.doc for page in layout.pages for p in page}
            for doc in docs.values():
                assert printing.is_fully_laid_out(doc)
                assert printing.find_stranded_heading(doc, page_h) is None
                assert printing.find_split_paragraph(doc, page_h) is None


def test_every_page_of_every_document_is_painted(glossary: Glossary) -> None:
    """Text missing from the layout would still be in the PDF's text (clipped), so check the layout.

    Regression: after a page break is set on a block, Qt left later blocks without lines and the
    document looked a page or two shorter than it is (fixed by printing.relayout).
    """
    terms = sorted(glossary.terms.values(), key=lambda t: t.slug)[:12]
    for compact in (False, True):
        for paper in ("a4", "letter"):
            layout = printing.build_layout(terms, paper=paper, compact=compact, glossary=glossary)
            page_h = layout.geometry.body.height()
            docs = {id(p.doc): p.doc for page in layout.pages for p in page}
            for doc in docs.values():
                painted = sorted(p.page for page in layout.pages for p in page if p.doc is doc)
                printing.relayout(doc)
                assert painted == printing._doc_pages(doc, page_h)


def test_long_term_spans_pages_without_losing_text(tmp_path: Path) -> None:
    term = long_term()
    out = tmp_path / "long.pdf"
    report = printing.export_pdf([term], out, paper="letter")
    assert report.pages >= 4
    whole = norm(" ".join(pages_text(out)))
    for section in term.sections:
        assert section.heading in whole
    assert squash(term.sources[0].url) in squash(whole)
    assert "A topic to look up: no web address is given for it." in whole
    assert "Not yet written" in whole  # a related term that is not in the glossary, by name


# --------------------------------------------------------------------------- looking at pages


def ink_fraction(image: QImage) -> tuple[float, float]:
    """(fraction of pixels that are not near-white, fraction that are near-black), sampled."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    inked = dark = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            v = image.pixelColor(x, y).value()
            total += 1
            inked += v < 200
            dark += v < 60
    return inked / total, dark / total


def test_page_renders_to_an_image_with_ink_and_no_dark_background(glossary: Glossary, tmp_path: Path) -> None:
    term = glossary.terms.get("rumination") or next(iter(glossary.terms.values()))
    layout = printing.build_layout([term], paper="letter", region="US", glossary=glossary)
    image = layout.page_image(0, dpi=50)
    assert (image.width(), image.height()) == (425, 550)
    inked, dark = ink_fraction(image)
    assert 0.01 < inked < 0.35, f"page looks empty or filled ({inked:.3f})"
    assert dark < 0.2
    assert image.pixelColor(2, 2).value() > 250  # the margin is paper-white
    image.save(str(tmp_path / "page1.png"))
    assert (tmp_path / "page1.png").stat().st_size > 1000


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_pdf_page_rasterizes_with_poppler(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    out = tmp_path / "sheet.pdf"
    printing.export_pdf([term], out, paper="a4", glossary=glossary)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                   check=True, timeout=60)
    png = next(tmp_path.glob("p*.png"))
    image = QImage(str(png))
    assert not image.isNull()
    inked, dark = ink_fraction(image)
    assert 0.01 < inked < 0.35 and dark < 0.2


# --------------------------------------------------------------------------- writing files safely


def test_missing_folder_is_a_clear_error(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    target = tmp_path / "no-such-folder" / "out.pdf"
    with pytest.raises(printing.PrintError) as info:
        printing.export_pdf([term], target)
    assert str(target) in str(info.value) and "does not exist" in str(info.value)


def test_parent_is_a_file_and_target_is_a_folder(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(printing.PrintError, match="is not a folder"):
        printing.export_pdf([term], tmp_path / "file.txt" / "out.pdf")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(printing.PrintError, match="that is a folder"):
        printing.export_pdf([term], tmp_path / "dir.pdf")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(printing.PrintError) as info:
            printing.export_pdf([term], folder / "out.pdf")
        assert str(folder / "out.pdf") in str(info.value) and "permission denied" in str(info.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_full_disk_leaves_no_partial_file(glossary: Glossary, tmp_path: Path, monkeypatch) -> None:
    term = next(iter(glossary.terms.values()))
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-previous version")

    def write_half_then_fail(fh, data: bytes) -> None:
        fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(printing, "_write_all", write_half_then_fail)
    with pytest.raises(printing.PrintError) as info:
        printing.export_pdf([term], target)
    assert str(target) in str(info.value) and "disk is full" in str(info.value)
    assert target.read_bytes() == b"%PDF-previous version"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # and no temporary file is left


def test_write_is_atomic_and_readable(glossary: Glossary, tmp_path: Path) -> None:
    term = next(iter(glossary.terms.values()))
    target = tmp_path / "out.pdf"
    printing.export_pdf([term], target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o044


# --------------------------------------------------------------------------- print and preview


def test_print_dialog_paints_on_the_printer(glossary: Glossary, tmp_path: Path, monkeypatch) -> None:
    terms = sorted(glossary.terms.values(), key=lambda t: t.slug)[:2]
    out = tmp_path / "printed.pdf"
    writer = QPdfWriter(str(out))  # stands in for the QPrinter: same QPagedPaintDevice interface
    seen = {}
    monkeypatch.setattr(printing, "_new_printer", lambda: writer)

    def accept(printer, parent, page_count) -> bool:
        seen["paper"] = printer.pageLayout().pageSize().id()
        seen["pages"] = page_count
        return True

    monkeypatch.setattr(printing, "_exec_print_dialog", accept)
    assert printing.print_dialog(None, terms, "US", paper="a4", title="Printed set", glossary=glossary)
    texts = [norm(t) for t in pages_text(out)]
    assert texts[0].startswith("Printed set")
    assert seen["paper"] == printing.PAPER_SIZES["a4"]
    assert seen["pages"] == len(texts)  # the dialog offers the page range 1..N


def test_print_dialog_cancel_prints_nothing(glossary: Glossary, monkeypatch) -> None:
    term = next(iter(glossary.terms.values()))
    monkeypatch.setattr(printing, "_new_printer", lambda: QPdfWriter(os.devnull))
    monkeypatch.setattr(printing, "_exec_print_dialog", lambda printer, parent, pages: False)
    monkeypatch.setattr(printing, "paint_on_printer", lambda *a: pytest.fail("painted after cancel"))
    assert printing.print_dialog(None, [term], "US") is False


def test_preview_shows_every_page_without_a_printer(glossary: Glossary, monkeypatch) -> None:
    term = next(iter(glossary.terms.values()))
    monkeypatch.setattr(printing, "_new_printer", lambda: pytest.fail("the preview built a QPrinter"))
    shown = []
    monkeypatch.setattr(printing, "_exec_preview_dialog", shown.append)
    printing.print_preview(None, [term], crisis.get_region("CA"), paper="letter", glossary=glossary)
    (dialog,) = shown
    expected = printing.build_layout([term], paper="letter").page_count
    assert len(dialog.page_labels) == expected and dialog.count.text().startswith(f"{expected} page")
    image = dialog.page_labels[0].pixmap().toImage()
    assert image.width() > 500
    # Not blank: some pixels are dark (text).
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 50
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("a4"))
    dialog.paper_combo.activated.emit(dialog.paper_combo.currentIndex())
    assert dialog.paper == "a4"
    printed = []
    monkeypatch.setattr(printing, "print_dialog", lambda *a, **k: printed.append(k["paper"]))
    dialog.print_button.click()
    assert printed == ["a4"]
    dialog.close()


def test_selected_page_range() -> None:
    class Ranged:
        def __init__(self, first: int, last: int) -> None:
            self.first, self.last = first, last

        def fromPage(self) -> int:
            return self.first

        def toPage(self) -> int:
            return self.last

    assert printing._selected_pages(Ranged(0, 0), 5) == [0, 1, 2, 3, 4]
    assert printing._selected_pages(Ranged(2, 3), 5) == [1, 2]
    assert printing._selected_pages(Ranged(4, 9), 5) == [3, 4]


def test_export_never_builds_a_printer(glossary: Glossary, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(printing, "_new_printer", lambda: pytest.fail("QPrinter built for a PDF export"))
    term = next(iter(glossary.terms.values()))
    printing.export_pdf([term], tmp_path / "x.pdf")


def test_text_document_is_not_left_in_an_odd_state(glossary: Glossary) -> None:
    """The footer and term documents measure fonts at 300 dpi whatever the screen says."""
    layout = printing.build_layout([next(iter(glossary.terms.values()))], paper="letter")
    doc = layout._new_doc("<p>x</p>", 1000)
    assert isinstance(doc, QTextDocument)
    assert doc.documentLayout().paintDevice().logicalDpiY() == printing.LAYOUT_DPI
    assert "Page 1 of" in layout.footer_text(0)
