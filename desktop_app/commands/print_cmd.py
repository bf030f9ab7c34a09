"""``brain-glossary print SLUG [SLUG ...] -o OUT.pdf``: term sheets and handouts as PDF, headless.

One slug prints a term sheet; several print a handout (title and contents page, each term on its own
page, or flowing with ``--compact``). ``--sheet summary`` prints the one-page summary of each term instead
(a contents page only from four terms on). Everything that can be checked is checked before any layout
work: unknown slugs (with the closest suggestion), an unknown region, an output folder that does not
exist. Errors go to stderr with exit status 1, and no partial PDF is ever left behind (the PDF is
written to a temporary file beside the target and renamed into place).

The PDF is painted with ``QPdfWriter`` only: no ``QPrinter``, so no connection to a print service.
Qt needs an application object; when none exists a ``QGuiApplication`` is created, on the
``offscreen`` platform unless the user chose a platform in ``QT_QPA_PLATFORM``.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from typing import Any

from desktop_app.content import crisis
from desktop_app.content.loader import Glossary, load_glossary

PROG = "brain-glossary print"


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def suggest(word: str, glossary: Glossary) -> str | None:
    """The closest slug to ``word``, matching slugs and every name (title, alias, brand) of each term."""
    names: dict[str, str] = {}
    for slug, term in glossary.terms.items():
        names[slug] = slug
        for name in term.all_names:
            names.setdefault(name.casefold(), slug)
    key = word.strip().casefold()
    if key in names:
        return names[key]
    match = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    return names[match[0]] if match else None


def resolve_slugs(slugs: Sequence[str], glossary: Glossary) -> tuple[list[str], list[str]]:
    """(found slugs in order, one error message per slug that is not a printable term)."""
    found: list[str] = []
    problems: list[str] = []
    for slug in slugs:
        if slug in glossary.terms:
            found.append(slug)
            continue
        if f"{slug}.md" in glossary.skipped:
            problems.append(f"'{slug}' cannot be printed: its term file has errors "
                            "(run 'brain-glossary check').")
            continue
        hint = suggest(slug, glossary)
        extra = f"; did you mean '{hint}'?" if hint else ""
        problems.append(f"unknown term '{slug}'{extra}")
    return found, problems


def ensure_gui_app() -> Any:
    """The running QGuiApplication, or a new offscreen one (set only when the user set no platform)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication([sys.argv[0] if sys.argv else "brain-glossary"])
    return app


def _fonts_missing() -> bool:
    from PySide6.QtGui import QFontDatabase

    return not QFontDatabase.families()


def run(
    slugs: Sequence[str],
    *,
    output: str,
    paper: str | None = None,
    region: str | None = None,
    compact: bool = False,
    title: str | None = None,
    sheet_kind: str = "full",
) -> int:
    glossary = load_glossary()
    damaged = [p for p in glossary.errors if p.path.suffix == ".yaml"]  # categories.yaml, sources*.yaml
    if damaged:
        # A handout goes to patients: never print from content whose shared lists could not be read.
        for p in damaged:
            _err(f"cannot print: {p}")
        _err("run 'brain-glossary check' for details")
        return 1
    found, problems = resolve_slugs(slugs, glossary)
    for message in problems:
        _err(message)
    if problems:
        return 1
    if not found:
        _err("nothing to print: name at least one term")
        return 1

    regions = crisis.load_regions()
    if region:
        code = region.strip().upper()
        code = "UK" if code == "GB" else code
        if code not in regions:
            _err(f"unknown region '{region}'; use one of: {', '.join(sorted(regions))}")
            return 1
        region = code

    ensure_gui_app()
    from desktop_app.gui import printing

    if not region:  # like the app: the region of the locale, US when the glossary has no data for it
        from PySide6.QtCore import QLocale

        country = QLocale.system().name().partition("_")[2]
        region = crisis.region_for_country(country, regions)

    try:
        target = os.path.abspath(output)
        printing.check_writable_target(printing.Path(target))
        if _fonts_missing():
            _err("warning: no fonts were found (install fonts-dejavu-core); text may print as boxes")
        terms = [glossary.terms[s] for s in found]
        report = printing.export_pdf(terms, target, paper=paper, region=region, compact=compact,
                                     title=title, glossary=glossary, sheet_kind=sheet_kind)
    except printing.PrintError as exc:
        _err(str(exc))
        return 1
    noun = "page" if report.pages == 1 else "pages"
    print(f"Wrote {output}: {len(terms)} term{'s' if len(terms) != 1 else ''}, {report.pages} {noun} "
          f"in {report.seconds:.2f} s")
    return 0
