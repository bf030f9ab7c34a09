"""Printing and export: print, preview, PDF of the open term, the handout dialog, the sheet kind.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.gui.dialogs import ask_save_path  # replaceable in tests

if TYPE_CHECKING:
    from desktop_app.content.model import Term




class ExportMixin:
    """Printing and export: print, preview, PDF of the open term, the handout dialog, the sheet kind."""

    def _current_terms(self) -> list[Term]:
        if self.location.view == "term" and self.glossary:
            return [self.glossary.terms[self.location.slug]]
        return []

    def print_current(self) -> None:
        self._print_with("print_dialog")

    def preview_current(self) -> None:
        self._print_with("print_preview")

    @property
    def sheet_kind(self) -> str:
        """'full' or 'summary': what Print, Preview and Export produce for the open term (File > Sheet)."""
        kind = str(self.settings.value("print/sheet", "full"))
        return kind if kind in ("full", "summary") else "full"

    def set_sheet_kind(self, kind: str) -> None:
        self.settings.setValue("print/sheet", kind if kind in ("full", "summary") else "full")
        if kind in getattr(self, "sheet_actions", {}):
            self.sheet_actions[kind].setChecked(True)

    def _print_with(self, function: str) -> None:
        """Print or preview the current term; a failure is shown in the notice strip."""
        terms = self._current_terms()
        if terms:
            from desktop_app.gui import printing

            try:
                getattr(printing, function)(self, terms, self.region, glossary=self.glossary,
                                            sheet_kind=self.sheet_kind)
            except printing.PrintError as exc:
                self.show_notice(str(exc))

    def export_current_pdf(self) -> None:
        terms = self._current_terms()
        if not terms:
            return
        from desktop_app.gui import printing

        kind = self.sheet_kind
        try:  # the page count is shown before the file is chosen (about 20-50 ms for one term)
            pages = printing.build_layout(terms, paper=None, region=self.region, glossary=self.glossary,
                                          sheet_kind=kind).page_count
        except printing.PrintError as exc:
            self.show_notice(f"Could not export the PDF: {exc}")
            return
        what = "one-page summary" if kind == "summary" else "full sheet"
        suffix = "-summary" if kind == "summary" else ""
        path = ask_save_path(self, f"Export as PDF: {what}, {pages} page{'s' if pages != 1 else ''}",
                             f"{terms[0].slug}{suffix}.pdf", "PDF files (*.pdf)")
        if not path:
            return
        try:
            report = printing.export_pdf(terms, Path(path), paper=None, region=self.region, glossary=self.glossary,
                                         sheet_kind=kind)
        except printing.PrintError as exc:
            self.show_notice(f"Could not export the PDF: {exc}")
            return
        self.statusBar().showMessage(f"Saved {path} ({report.pages} pages)", 5000)

    def open_handout(self) -> None:
        if not self.glossary:
            return
        from desktop_app.gui.handout_dialog import HandoutDialog

        # From a term page the handout starts with that term. From a results page it starts empty: the
        # results are one button away ("Add search results (N)"), never added unasked (issue #16).
        initial = [self.location.slug] if self.location.view == "term" else []
        results: list[str] = []
        if self.location.view == "results" and self.last_results is not None:
            results = [h.slug for h in self.last_results.hits]
        dlg = HandoutDialog(self.glossary, self.region.code, initial_slugs=initial, parent=self,
                            bookmarks=list(self.userdata.bookmarks), search_results=results)
        self.handout_dialog = dlg  # tests look at it (exec is modal)
        self.place_dialog(dlg)
        dlg.exec()
