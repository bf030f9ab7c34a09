"""Term sheets and handouts on paper, part 2: output. PDF files (written atomically), the print dialog and
the preview; the layout and pagination they paint live in :mod:`desktop_app.gui.print_layout`, whose
public names are re-exported here so callers keep one import.

* PDF is written with ``QPdfWriter`` into memory, then to a temporary file in the target folder,
  flushed, fsynced and renamed over the target: a failure never leaves a partial PDF behind.
* ``QPrinter`` is built only by :func:`print_dialog` and :func:`print_preview` (an explicit request to
  print): constructing one loads Qt's CUPS plugin, which opens sockets to the local print service.
  ``QtPrintSupport`` is imported there too, never at module import.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
)

from desktop_app import fileio
from desktop_app.content.model import Term
from desktop_app.render import sheet

if TYPE_CHECKING:
    from desktop_app.content.crisis import Region
    from desktop_app.content.loader import Glossary
from desktop_app.gui.print_layout import (  # noqa: F401 (re-exported: the one import for callers and tests)
    LAYOUT_DPI,
    PAPER_SIZES,
    WIDOW_MAX_LINES,
    PageGeometry,
    PrintError,
    SheetLayout,
    _doc_pages,
    _resolve_region,
    _used_bottom,
    build_layout,
    default_paper,
    find_split_paragraph,
    find_stranded_heading,
    fix_page_breaks,
    is_fully_laid_out,
    normalize_paper,
    print_palette,
    relayout,
)


@dataclass(frozen=True)
class PrintReport:
    """What an export produced."""

    path: Path | None
    pages: int
    seconds: float




# --------------------------------------------------------------------------- files


def _write_all(fh: Any, data: bytes) -> None:
    """Write every byte (a separate function so tests can simulate a full disk)."""
    view = memoryview(data)
    while view:
        written = fh.write(view)
        view = view[written:]


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full (no space left on device)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied ({exc.strerror})" if exc.errno != errno.EROFS else "the disk is read-only"
    return exc.strerror or str(exc)


def check_writable_target(path: Path) -> None:
    """Fail early, before any layout work, when ``path`` obviously cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise PrintError(f"Could not write the PDF to {path}: that is a folder.")
    if not folder.exists():
        raise PrintError(f"Could not write the PDF to {path}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise PrintError(f"Could not write the PDF to {path}: {folder} is not a folder.")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, then rename.

    On any failure the temporary file is removed and the previous ``path`` (if any) is untouched;
    the :class:`PrintError` names the path and the reason.
    """
    path = Path(path)
    check_writable_target(path)
    try:
        # _write_all is looked up at call time, so tests can simulate a full disk.
        fileio.write_bytes_atomic(path, data, write=lambda fh, d: _write_all(fh, d))
    except OSError as exc:
        raise PrintError(f"Could not write the PDF to {path}: {_describe(exc)}.") from exc




# --------------------------------------------------------------------------- public entry points




def export_pdf(
    terms: Sequence[Term],
    path: str | os.PathLike[str],
    *,
    paper: str | None = None,
    region: Region | str | None = None,
    compact: bool = False,
    title: str | None = None,
    glossary: Glossary | None = None,
    printed: _dt.date | None = None,
    sheet_kind: str = "full",
) -> PrintReport:
    """Write a term sheet (one term) or a handout (several) to ``path`` as PDF.

    ``paper`` is 'letter' or 'a4' (None: from the locale); ``region`` a Region or a code (None: the
    default region). Pass the ``glossary`` so related terms print by title and the footer carries the
    glossary's content version. ``sheet_kind`` is 'full' (every section) or 'summary' (one page per term).
    Raises :class:`PrintError` with a clear message naming the path.
    """
    start = time.perf_counter()
    target = Path(path)
    check_writable_target(target)
    layout = build_layout(terms, paper=paper, region=region, compact=compact, title=title,
                          glossary=glossary, printed=printed, sheet_kind=sheet_kind)
    write_atomically(target, layout.to_pdf_bytes())
    return PrintReport(path=target, pages=layout.page_count, seconds=time.perf_counter() - start)


# --------------------------------------------------------------------------- printer dialogs
#
# The modal parts sit behind small module-level functions so tests can replace them.


def _new_printer() -> Any:
    """The ONLY place a QPrinter is built (it connects to the local print service)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    return printer


def _exec_print_dialog(printer: Any, parent: Any, page_count: int = 0) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    if page_count > 0:  # lets the user print a page range ("pages 2-3")
        dialog.setMinMax(1, page_count)
    dialog.setWindowTitle("Print")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def _printer_page_size(printer: Any) -> QPageSize:
    return printer.pageLayout().pageSize()


def _selected_pages(printer: Any, page_count: int) -> list[int]:
    """Pages chosen in the print dialog (all when no range was chosen), 0-based."""
    first, last = (printer.fromPage(), printer.toPage()) if hasattr(printer, "fromPage") else (0, 0)
    if first <= 0 and last <= 0:
        return list(range(page_count))
    first = max(first, 1)
    last = min(last if last > 0 else page_count, page_count)
    return list(range(first - 1, last))


def paint_on_printer(printer: Any, layout_args: dict[str, Any]) -> SheetLayout:
    """Lay out for the printer's current paper and paint onto it (print and preview share this)."""
    layout = build_layout(paper=_printer_page_size(printer), **layout_args)
    printer.setPageLayout(layout.page_layout())
    if hasattr(printer, "setFullPage"):
        printer.setFullPage(True)
    layout.render(printer, _selected_pages(printer, layout.page_count))
    return layout


def _prepare_printer(printer: Any, paper: str | None, title: str, region: Region | str | None = None) -> None:
    size = QPageSize(PAPER_SIZES[normalize_paper(paper, region)])
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Point, QMarginsF(0, 0, 0, 0)))
    if hasattr(printer, "setDocName"):
        printer.setDocName(title)


def print_dialog(
    parent: Any,
    terms: Sequence[Term],
    region: Region | str | None,
    *,
    paper: str | None = None,
    compact: bool = False,
    title: str | None = None,
    glossary: Glossary | None = None,
    sheet_kind: str = "full",
) -> bool:
    """Show the system print dialog and print. Returns False when the user cancels."""
    args = {"terms": terms, "region": region, "compact": compact, "title": title, "glossary": glossary,
            "sheet_kind": sheet_kind}
    printer = _new_printer()
    _prepare_printer(printer, paper, title or (terms[0].title if terms else sheet.APP_NAME), region)
    pages = build_layout(paper=_printer_page_size(printer), **args).page_count
    if not _exec_print_dialog(printer, parent, pages):
        return False
    paint_on_printer(printer, args)
    return True


def print_preview(
    parent: Any,
    terms: Sequence[Term],
    region: Region | str | None,
    *,
    paper: str | None = None,
    compact: bool = False,
    title: str | None = None,
    glossary: Glossary | None = None,
    sheet_kind: str = "full",
    on_export: Any = None,
) -> None:
    """Show the pages as images, drawn by the same code as the PDF. No QPrinter is built (so no connection
    to the print service) unless the user presses Print in the preview. The dialog's Sheet box switches
    between the full sheet and the one-page summary; ``on_export(paper, sheet_kind)``, when given, adds an
    Export PDF button."""
    from desktop_app.gui.preview_dialog import PreviewDialog

    def make(chosen: str, kind: str = sheet_kind) -> SheetLayout:
        return build_layout(terms, paper=chosen, region=region, compact=compact, title=title, glossary=glossary,
                            sheet_kind=kind)

    def do_print(chosen: str, kind: str = sheet_kind) -> object:
        return print_dialog(parent, terms, region, paper=chosen, compact=compact, title=title, glossary=glossary,
                            sheet_kind=kind)

    dialog = PreviewDialog(make, normalize_paper(paper, region), title=title or (terms[0].title if terms else sheet.APP_NAME),
                           on_print=do_print, on_export=on_export, parent=parent, sheet_kind=sheet_kind)
    _exec_preview_dialog(dialog)


def _exec_preview_dialog(dialog: Any) -> None:
    dialog.exec()
