"""Term sheets and handouts on paper, part 1: lay out and paginate (see :mod:`desktop_app.gui.printing`
for the output: PDF files, printers, the preview).

Design (see docs/printing.md):

* :mod:`desktop_app.render.sheet` turns terms into print HTML (Qt-free). Here each term becomes its own
  ``QTextDocument``, laid out at a fixed 300 dpi on an off-screen ``QImage`` so that the layout never
  depends on the screen or the output device; painting scales it onto the PDF, printer or preview.
* One document per term keeps the "headings are never stranded" pass cheap: a heading (``h1``–``h4``)
  whose next block does not start on the same page gets a page break before it, and only that term is
  laid out again. In compact mode the next term starts on the last page of the previous one: its
  document begins with a blank spacer of exactly the used height, and both documents paint onto the
  shared page.
* The footer (crisis line, page N of M, printed date, content version, disclaimer) is painted on every
  page in a reserved strip below the body, so body text can never run into it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from desktop_app.content import crisis
from desktop_app.content.model import Term
from desktop_app.render import sheet

if TYPE_CHECKING:
    from desktop_app.content.crisis import Region
    from desktop_app.content.loader import Glossary

LAYOUT_DPI = 300  # every layout is done at this resolution, whatever the output device
_CSS_PX = 96  # Qt scales "px" lengths (margins, fixed line heights) by device dpi / 96

PAPER_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
# Territories whose everyday paper is US Letter (ISO A4 everywhere else).
LETTER_TERRITORIES = frozenset({
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.PuertoRico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
})

# Page geometry in inches. Generous side margins keep lines near 75 characters on both papers.
MARGIN_SIDE = 1.0
MARGIN_TOP = 0.85
MARGIN_BOTTOM = 0.5  # below the footer
FOOTER_GAP = 0.22  # between the body and the footer rule
COMPACT_GAP = 0.35  # between two terms that share a page in compact mode
COMPACT_MIN_ROOM = 1.6  # start the next compact term on a fresh page when less room than this is left
KEEP_LINES = 2  # a heading needs this many lines of what follows on its page
WIDOW_MAX_LINES = 4  # a paragraph this short moves whole rather than leave its last line alone
BODY_FONT_FAMILIES = ["Georgia", "Charter", "DejaVu Serif", "Liberation Serif", "Times New Roman"]
BODY_POINT_SIZE = 10.5
SUMMARY_CONTENTS_MIN_TERMS = 4  # a summary handout gets a contents page from this many terms
_MAX_KEEP_PASSES = 200  # a bound, never reached in practice: each pass fixes one heading

# Paper's own colours, whatever the screen theme: QTextDocument.drawContents() takes the default text colour
# from the application palette, so under the dark theme every page came out light grey on white. Every
# document is painted through _draw() with this fixed palette instead.
PAPER_INK = "#1a1a1a"
PAPER_WHITE = "#ffffff"


def print_palette() -> QPalette:
    """Dark ink on white, for every role a text document may use when it paints."""
    pal = QPalette(QColor(PAPER_WHITE))
    ink, white = QColor(PAPER_INK), QColor(PAPER_WHITE)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText,
                     QPalette.ColorRole.BrightText, QPalette.ColorRole.HighlightedText):
            pal.setColor(group, role, ink)
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.Button,
                     QPalette.ColorRole.Highlight, QPalette.ColorRole.AlternateBase):
            pal.setColor(group, role, white)
        pal.setColor(group, QPalette.ColorRole.Link, ink)
        pal.setColor(group, QPalette.ColorRole.LinkVisited, ink)
    return pal


def _draw(doc: QTextDocument, painter: QPainter, clip: QRectF) -> None:
    """``doc.drawContents(painter, clip)`` with the paper palette instead of the application's."""
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.palette = print_palette()
    ctx.clip = clip
    painter.save()
    painter.setClipRect(clip)
    doc.documentLayout().draw(painter, ctx)
    painter.restore()


# The largest label the footer is measured with, so every page reserves the same strip.
_WIDEST_PAGE_LABEL = sheet.page_label(8888, 8888)


class PrintError(Exception):
    """A clear, user-facing reason why a PDF or print job could not be produced (names the path)."""




# --------------------------------------------------------------------------- paper and region


LETTER_REGIONS = frozenset({"US", "CA"})  # crisis regions whose paper is Letter


def default_paper(locale: QLocale | None = None, region: Region | str | None = None) -> str:
    """'letter' in the US, Canada and the other Letter territories, else 'a4'. A locale with no country (the
    C or POSIX locale, common on servers and in containers) says nothing: the crisis region decides."""
    locale = locale or QLocale.system()
    if locale.territory() == QLocale.Country.AnyTerritory and region is not None:
        code = region if isinstance(region, str) else region.code
        return "letter" if code.upper() in LETTER_REGIONS else "a4"
    return "letter" if locale.territory() in LETTER_TERRITORIES else "a4"


def normalize_paper(paper: str | None, region: Region | str | None = None) -> str:
    if paper is None or not str(paper).strip():
        return default_paper(region=region)
    key = str(paper).strip().lower().replace(" ", "")
    if key in ("us-letter", "usletter"):
        key = "letter"
    if key not in PAPER_SIZES:
        raise PrintError(f"Unknown paper size '{paper}'; use letter or a4.")
    return key


def _resolve_region(region: Region | str | None) -> Region:
    if region is None or isinstance(region, str):
        return crisis.get_region(region)
    return region


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class PageGeometry:
    """Paper and body rectangles in layout pixels (``LAYOUT_DPI``)."""

    paper: QSizeF
    body: QRectF
    footer: QRectF  # where the footer block is drawn (its top is the rule)

    @classmethod
    def for_paper(cls, paper_points: QSizeF, footer_height: float) -> PageGeometry:
        px = LAYOUT_DPI / 72.0
        w, h = paper_points.width() * px, paper_points.height() * px
        side, top = MARGIN_SIDE * LAYOUT_DPI, MARGIN_TOP * LAYOUT_DPI
        footer_top = h - MARGIN_BOTTOM * LAYOUT_DPI - footer_height
        body_bottom = footer_top - FOOTER_GAP * LAYOUT_DPI
        return cls(
            paper=QSizeF(w, h),
            body=QRectF(side, top, w - 2 * side, body_bottom - top),
            footer=QRectF(side, footer_top, w - 2 * side, footer_height),
        )


def _paper_points(paper: str | QPageSize) -> QSizeF:
    page_size = paper if isinstance(paper, QPageSize) else QPageSize(PAPER_SIZES[paper])
    return page_size.sizePoints().toSizeF()


# --------------------------------------------------------------------------- documents


def _layout_device() -> QImage:
    """A tiny image that reports LAYOUT_DPI: the paint device every layout measures fonts against."""
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _body_font() -> QFont:
    font = QFont()
    font.setFamilies(BODY_FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


@dataclass
class _Piece:
    """One page of one document, painted at the body origin of a physical page."""

    doc: QTextDocument
    page: int


@dataclass
class _TermEntry:
    term: Term
    first_page: int  # 0-based physical page of the term's title


def _line_bottoms(doc: QTextDocument, block: QTextBlock, count: int) -> list[float]:
    """Document y of the bottom of the block's first ``count`` lines (fewer if the block is shorter)."""
    layout = block.layout()
    top = doc.documentLayout().blockBoundingRect(block).top()
    lines = min(count, layout.lineCount())
    return [top + layout.lineAt(i).y() + layout.lineAt(i).height() for i in range(lines)]


def _block_top(doc: QTextDocument, block: QTextBlock) -> float:
    layout = block.layout()
    top = doc.documentLayout().blockBoundingRect(block).top()
    return top + (layout.lineAt(0).y() if layout.lineCount() else 0.0)


def _is_heading(block: QTextBlock) -> bool:
    return block.blockFormat().headingLevel() > 0


def _breaks_before(block: QTextBlock) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def relayout(doc: QTextDocument) -> None:
    """Lay the whole document out again, now.

    After a block format change in a paginated document, QTextDocumentLayout (Qt 6.12) re-lays out the
    changed block but can leave every later block without lines (lineCount() == 0) while pageCount()
    already reports the shorter result. Marking the whole text dirty forces a complete layout.
    """
    doc.markContentsDirty(0, doc.characterCount())
    doc.pageCount()


def is_fully_laid_out(doc: QTextDocument) -> bool:
    """True when every block that has text has been given lines (see :func:`relayout`)."""
    block = doc.begin()
    while block.isValid():
        if block.length() > 1 and block.layout().lineCount() == 0:
            return False
        block = block.next()
    return True


def find_stranded_heading(doc: QTextDocument, page_height: float) -> QTextBlock | None:
    """The first heading left at the bottom of a page, or None.

    A heading (and any headings straight after it) must share its page with the first ``KEEP_LINES``
    lines of the block that follows; a heading already at the top of a page is left alone.
    """
    doc.pageCount()  # finish the (lazy) layout before measuring
    block = doc.begin()
    while block.isValid():
        if _is_heading(block) and not _breaks_before(block) and block.layout().lineCount():
            page = int(_block_top(doc, block) // page_height)
            follower = block.next()
            while follower.isValid() and _is_heading(follower):
                follower = follower.next()
            if follower.isValid() and follower.layout().lineCount():
                last_needed = _line_bottoms(doc, follower, KEEP_LINES)[-1]
                if int((last_needed - 0.01) // page_height) > page:
                    previous = block.previous()
                    if previous.isValid() and previous.layout().lineCount():
                        return block
            # skip the rest of a heading chain: it was judged with its first heading
            while block.next().isValid() and _is_heading(block.next()):
                block = block.next()
        block = block.next()
    return None


def _chain_start(block: QTextBlock) -> QTextBlock:
    """The first of the headings directly above ``block`` (or ``block`` itself): they move together."""
    start = block
    while start.previous().isValid() and _is_heading(start.previous()):
        start = start.previous()
    return start


def _line_page(doc: QTextDocument, block: QTextBlock, line: int, page_height: float) -> int:
    top = doc.documentLayout().blockBoundingRect(block).top() + block.layout().lineAt(line).y()
    return int(top // page_height)


def find_split_paragraph(doc: QTextDocument, page_height: float) -> QTextBlock | None:
    """The first paragraph split badly across pages, as the block to move to the next page, or None.

    Bad: an *orphan* (only the first line at the bottom of a page) or, in a paragraph of at most
    ``WIDOW_MAX_LINES`` lines, a *widow* (only the last line at the top of the next page). Qt cannot
    break inside a paragraph on request, so the fix moves the whole paragraph, with any headings
    directly above it. Longer paragraphs keep their widow rather than leave a large gap.
    """
    doc.pageCount()
    block = doc.begin()
    while block.isValid():
        lines = block.layout().lineCount()
        if (lines >= 2 and not _is_heading(block) and not _breaks_before(block)
                and QTextCursor(block).currentTable() is None):  # table rows are Qt's to place
            first, second = (_line_page(doc, block, i, page_height) for i in (0, 1))
            orphan = second > first
            widow = lines <= WIDOW_MAX_LINES and (
                _line_page(doc, block, lines - 1, page_height) > _line_page(doc, block, lines - 2, page_height))
            if orphan or widow:
                target = _chain_start(block)
                previous = target.previous()
                if not _breaks_before(target) and previous.isValid() and previous.layout().lineCount():
                    return target
        block = block.next()
    return None


def fix_page_breaks(doc: QTextDocument, page_height: float) -> int:
    """Move stranded headings and badly split paragraphs to the next page; returns how many moved.

    One fix per pass, earliest first, each followed by a full relayout (a fix moves everything after it).
    """
    moved = 0
    for _ in range(_MAX_KEEP_PASSES):
        heading = find_stranded_heading(doc, page_height)
        paragraph = find_split_paragraph(doc, page_height)
        candidates = [b for b in (heading, paragraph) if b is not None]
        if not candidates:
            break
        block = min(candidates, key=lambda b: b.position())
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(block.blockFormat().pageBreakPolicy() | QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(fmt)
        relayout(doc)
        moved += 1
    return moved


def _used_bottom(doc: QTextDocument) -> float:
    """Document y of the bottom of the last line of text."""
    doc.pageCount()  # finish the (lazy) layout before measuring
    block = doc.lastBlock()
    while block.isValid() and not block.layout().lineCount():
        block = block.previous()
    if not block.isValid():
        return 0.0
    layout = block.layout()
    last = layout.lineAt(layout.lineCount() - 1)
    return doc.documentLayout().blockBoundingRect(block).top() + last.y() + last.height()


class SheetLayout:
    """Terms laid out as pages, ready to paint onto any paged device.

    Build it once; :meth:`paint_page` draws page ``index`` with a painter whose coordinates are layout
    pixels from the paper's top-left corner (callers scale to their device: see :meth:`render`).

    Attributes:
        page_count: the number of physical pages, cover included.
        entries: each term with the 0-based page its title is on (the contents page lists these + 1).
    """

    def __init__(
        self,
        terms: Sequence[Term],
        *,
        paper: str | QPageSize | None = None,
        region: Region | str | None = None,
        compact: bool = False,
        title: str | None = None,
        titles: Mapping[str, str] | None = None,
        content_version: str | None = None,
        printed: _dt.date | None = None,
        sheet_kind: str = "full",
    ) -> None:
        if not terms:
            raise PrintError("Nothing to print: choose at least one term.")
        if sheet_kind not in sheet.SHEET_KINDS:
            raise PrintError(f"Unknown sheet '{sheet_kind}'; use {' or '.join(sheet.SHEET_KINDS)}.")
        self.terms = list(terms)
        self.region = _resolve_region(region)
        self.paper = paper if isinstance(paper, QPageSize) else normalize_paper(paper, self.region)
        self.sheet_kind = sheet_kind
        self.summary = sheet_kind == "summary"
        self.compact = compact and not self.summary  # a summary is one page per term already
        if self.summary:  # one page per term: a contents page helps only for a longer handout
            self.handout = len(self.terms) >= SUMMARY_CONTENTS_MIN_TERMS
        else:
            self.handout = len(self.terms) > 1 or bool(title and title.strip())
        self.title = (title or "").strip() or (
            sheet.DEFAULT_HANDOUT_TITLE if self.handout else self.terms[0].title
        )
        self.titles = dict(titles or {})
        for t in self.terms:
            self.titles.setdefault(t.slug, t.title)
        self.content_version = content_version or _newest_review(self.terms)
        self.printed = printed or _dt.date.today()
        self.notice = sheet.footer_notice(self.printed, self.content_version)
        self._device = _layout_device()
        self._css = sheet.print_css()
        self._font = _body_font()
        self._footer_cache: dict[int, QTextDocument] = {}
        self.geometry = PageGeometry.for_paper(_paper_points(self.paper), self._footer_height())
        self.pages: list[list[_Piece]] = []
        self.entries: list[_TermEntry] = []
        self.breaks_added = 0
        self.summary_levels: dict[str, int] = {}  # slug -> the SUMMARY_LEVELS index that fitted one page
        self._build()

    # ----------------------------------------------------------------- building

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def _new_doc(self, body_html: str, width: float, page_height: float | None = None) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.documentLayout().setPaintDevice(self._device)
        doc.setDefaultFont(self._font)
        doc.setDocumentMargin(0)
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long URL still wraps
        doc.setDefaultTextOption(option)
        doc.setDefaultStyleSheet(self._css)
        doc.setHtml(sheet.document(body_html))
        doc.setPageSize(QSizeF(width, page_height if page_height else 1e9))
        return doc

    def _body_width(self) -> float:
        return _paper_points(self.paper).width() * LAYOUT_DPI / 72.0 - 2 * MARGIN_SIDE * LAYOUT_DPI

    def _footer_height(self) -> float:
        probe = self._new_doc(
            sheet.footer_html(self.region.footer_text, self.notice, _WIDEST_PAGE_LABEL), self._body_width()
        )
        return probe.size().height()

    def _summary_doc(self, term: Term) -> QTextDocument:
        """The summary sheet at the first level (largest, fullest) whose layout fits one page."""
        body = self.geometry.body
        last = len(sheet.SUMMARY_LEVELS) - 1
        for level in range(last + 1):
            doc = self._new_doc(sheet.summary_html(term, self.titles, self.region, level), body.width(),
                                body.height())
            if not is_fully_laid_out(doc):
                relayout(doc)
            if _used_bottom(doc) <= body.height() or level == last:
                self.summary_levels[term.slug] = level
                return doc
        raise AssertionError("unreachable")

    def _term_doc(self, term: Term, spacer: float) -> QTextDocument:
        if self.summary:
            return self._summary_doc(term)
        body = self.geometry.body
        doc = self._new_doc(sheet.sheet_html(term, self.titles, self.region), body.width(), body.height())
        if spacer > 0:
            cursor = QTextCursor(doc)
            cursor.insertBlock(QTextBlockFormat())
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            fmt = QTextBlockFormat()
            fmt.setLineHeight(spacer * _CSS_PX / LAYOUT_DPI, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            fmt.setTopMargin(0)
            fmt.setBottomMargin(0)
            cursor.setBlockFormat(fmt)
            relayout(doc)
        self.breaks_added += fix_page_breaks(doc, body.height())
        if not is_fully_laid_out(doc):  # never paint a page with text missing
            relayout(doc)
        return doc

    def _cover_doc(self, page_numbers: Sequence[int | None]) -> QTextDocument:
        entries = [
            sheet.ContentsEntry(e.term.title, e.term.category, page)
            for e, page in zip(self.entries, page_numbers, strict=True)
        ] if self.entries else [sheet.ContentsEntry(t.title, t.category, None) for t in self.terms]
        body = self.geometry.body
        doc = self._new_doc(sheet.cover_html(self.title, entries, self.printed, self.content_version),
                            body.width(), body.height())
        self.breaks_added += fix_page_breaks(doc, body.height())
        return doc

    def _build(self) -> None:
        page_h = self.geometry.body.height()
        term_pages: list[list[_Piece]] = []
        entries: list[_TermEntry] = []
        for term in self.terms:
            spacer = 0.0
            if self.compact and term_pages:
                prev = term_pages[-1][-1].doc
                used = _used_bottom(prev) - (len(_doc_pages(prev, page_h)) - 1) * page_h
                room = page_h - used - COMPACT_GAP * LAYOUT_DPI
                if room >= COMPACT_MIN_ROOM * LAYOUT_DPI:
                    spacer = used + COMPACT_GAP * LAYOUT_DPI
            doc = self._term_doc(term, spacer)
            doc_pages = _doc_pages(doc, page_h)
            title_block = doc.begin().next() if spacer else doc.begin()
            title_page = int(_block_top(doc, title_block) // page_h)
            if spacer:
                term_pages[-1].append(_Piece(doc, 0))  # the spacer page shares the previous term's last page
                start = len(term_pages) - 1
                term_pages.extend([_Piece(doc, k)] for k in doc_pages[1:])
            else:
                start = len(term_pages)
                term_pages.extend([_Piece(doc, k)] for k in doc_pages)
            entries.append(_TermEntry(term, start + title_page))
        self.entries = entries

        cover_pages: list[list[_Piece]] = []
        if self.handout:
            # Lay the cover out once to learn its length, then again with the real page numbers.
            cover_len = len(_doc_pages(self._cover_doc([None] * len(entries)), page_h))
            for _ in range(3):
                numbers = [cover_len + e.first_page + 1 for e in entries]
                cover = self._cover_doc(numbers)
                new_len = len(_doc_pages(cover, page_h))
                if new_len == cover_len:
                    break
                cover_len = new_len
            cover_pages = [[_Piece(cover, k)] for k in _doc_pages(cover, page_h)]
            for e in entries:
                e.first_page += len(cover_pages)
        self.pages = cover_pages + term_pages

    # ----------------------------------------------------------------- painting

    def _footer_for(self, index: int) -> QTextDocument:
        doc = self._footer_cache.get(index)
        if doc is None:
            html = sheet.footer_html(self.region.footer_text, self.notice,
                                     sheet.page_label(index + 1, self.page_count))
            doc = self._new_doc(html, self.geometry.footer.width())
            if len(self._footer_cache) > 8:
                self._footer_cache.clear()
            self._footer_cache[index] = doc
        return doc

    def footer_text(self, index: int) -> str:
        """The footer of page ``index`` as plain text (for tests and accessibility)."""
        return self._footer_for(index).toPlainText()

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Draw page ``index``: body pieces, then the footer rule and footer. Coordinates: layout px."""
        body, footer = self.geometry.body, self.geometry.footer
        page_h = body.height()
        for piece in self.pages[index]:
            painter.save()
            painter.translate(body.left(), body.top() - piece.page * page_h)
            _draw(piece.doc, painter, QRectF(0, piece.page * page_h, body.width(), page_h))
            painter.restore()
        painter.save()
        pen = QPen(QColor("#8a8a8a"))
        pen.setWidthF(LAYOUT_DPI / 150)  # about half a point
        painter.setPen(pen)
        rule_y = footer.top() - FOOTER_GAP * LAYOUT_DPI / 2
        painter.drawLine(QPointF(footer.left(), rule_y), QPointF(footer.right(), rule_y))
        painter.translate(footer.topLeft())
        _draw(self._footer_for(index), painter, QRectF(0, 0, footer.width(), footer.height()))
        painter.restore()

    def render(self, device: QPagedPaintDevice, pages: Iterable[int] | None = None) -> int:
        """Paint pages (all by default) onto ``device``, a QPdfWriter or QPrinter already set to this
        layout's paper with zero margins (full page). Returns the number of pages painted."""
        painter = QPainter()
        if not painter.begin(device):
            raise PrintError("The output device could not be opened for painting.")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            scale = device.logicalDpiX() / LAYOUT_DPI
            count = 0
            for index in pages if pages is not None else range(self.page_count):
                if count and not device.newPage():
                    raise PrintError("The output device refused a new page.")
                painter.save()
                painter.scale(scale, device.logicalDpiY() / LAYOUT_DPI if scale else 1.0)
                self.paint_page(painter, index)
                painter.restore()
                count += 1
        finally:
            painter.end()
        return count

    def page_image(self, index: int, dpi: int = 72) -> QImage:
        """Page ``index`` as a white RGB image at ``dpi`` (same paint code as the PDF)."""
        scale = dpi / LAYOUT_DPI
        size = self.geometry.paper
        image = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)),
                       QImage.Format.Format_RGB32)
        dots = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(scale, scale)
        self.paint_page(painter, index)
        painter.end()
        return image

    def page_layout(self) -> QPageLayout:
        """The device page layout this layout was made for: its paper, portrait, zero margins."""
        size = self.paper if isinstance(self.paper, QPageSize) else QPageSize(PAPER_SIZES[self.paper])
        return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                           QPageLayout.Unit.Point, QMarginsF(0, 0, 0, 0))

    def to_pdf_bytes(self) -> bytes:
        """The whole layout as a PDF, produced in memory with QPdfWriter (no print service involved)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(LAYOUT_DPI)
        writer.setPageLayout(self.page_layout())
        writer.setTitle(self.title)
        writer.setCreator(f"{sheet.APP_NAME}, content {self.content_version}")
        self.render(writer)
        del writer  # flushes the trailer into the buffer
        buffer.close()
        return bytes(data.data())


def _doc_pages(doc: QTextDocument, page_height: float) -> list[int]:
    """The document's page indices that carry text (a trailing empty page is dropped)."""
    last = max(0, int((_used_bottom(doc) - 0.01) // page_height))
    return list(range(last + 1))


def _newest_review(terms: Iterable[Term]) -> str:
    dates = [t.reviewed for t in terms if t.reviewed]
    return max(dates).isoformat() if dates else "unreviewed"


def _glossary_context(glossary: Glossary | None) -> dict[str, Any]:
    """Titles for related terms and the content version: from the glossary when given (without one,
    related terms are named by their slugs and the content version is the newest review printed)."""
    if glossary is None:
        return {"titles": {}}
    return {"titles": {slug: t.title for slug, t in glossary.terms.items()}, "content_version": glossary.content_version}


def build_layout(
    terms: Sequence[Term],
    *,
    paper: str | QPageSize | None = None,
    region: Region | str | None = None,
    compact: bool = False,
    title: str | None = None,
    glossary: Glossary | None = None,
    printed: _dt.date | None = None,
    sheet_kind: str = "full",
) -> SheetLayout:
    return SheetLayout(terms, paper=paper, region=region, compact=compact, title=title, printed=printed,
                       sheet_kind=sheet_kind, **_glossary_context(glossary))
