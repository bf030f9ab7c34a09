"""Export study cards for Anki: an ``.apkg`` package (via ``genanki``) or a CSV with Anki's header lines.

Both are stable across exports: the note type and the deck have fixed ids, and each note's GUID is derived
from its card id (:attr:`StudyCard.guid`), so importing a second export updates the notes of the first
instead of adding copies. Files are written atomically (a temporary file, then a rename); a path that is a
symbolic link, a pipe or a folder is refused.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path

from desktop_app import fileio
from desktop_app.study.cards import KIND_LABELS, StudyCard

# Fixed for ever: changing either makes Anki treat a new export as a different note type or deck.
MODEL_ID = 1_607_392_318
DECK_ID = 2_059_400_117
MODEL_NAME = "Brain & Body Glossary card"
DECK_NAME = "Brain & Body Glossary"
FIELDS = ("Front", "Back", "Term", "Kind", "Crisis", "CardId")
CSS = """.card { font-family: sans-serif; font-size: 19px; line-height: 1.45; text-align: left; max-width: 40em;
 margin: 0 auto; }
.term { color: #6b6b6b; font-size: 14px; }
.crisis { margin-top: 14px; padding: 8px 10px; border-left: 4px solid #b3261e; font-size: 15px; }
"""
FRONT = ('<div class="term">{{Term}} · {{Kind}}</div>\n<div class="front">{{Front}}</div>\n'
         '{{#Crisis}}<div class="crisis">{{Crisis}}</div>{{/Crisis}}')
BACK = ('<div class="term">{{Term}} · {{Kind}}</div>\n<div class="front">{{Front}}</div>\n<hr id="answer">\n'
        '<div class="back">{{Back}}</div>\n{{#Crisis}}<div class="crisis">{{Crisis}}</div>{{/Crisis}}')


class ExportError(OSError):
    """The file could not be written; the message names it and says why."""


def kind_of_path(path: str | Path) -> str:
    suffix = Path(path).suffix.casefold()
    if suffix not in (".apkg", ".csv"):
        raise ExportError(f"{path}: the file name must end in .apkg (an Anki package) or .csv (Anki's text import).")
    return suffix[1:]


def as_html(text: str) -> str:
    """Plain text -> Anki field HTML: escaped, paragraphs as <br><br>."""
    return "<br><br>".join(html.escape(p.strip(), quote=False).replace("\n", "<br>")
                           for p in text.split("\n\n") if p.strip())


def _term_html(card: StudyCard) -> str:
    # The command that opens the term's page in the app (Anki cannot follow the app's own term: links).
    return f"{html.escape(card.title, quote=False)} <span style=\"font-size: 12px\">(brain-glossary --term {card.slug})</span>"


def tags(card: StudyCard) -> list[str]:
    cat = card.category.casefold().replace(" and ", "-and-").replace(" ", "-")
    return ["brain-glossary", f"brain-glossary::{cat}", f"brain-glossary::{card.kind}"]


def _write(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder.")
    kind = fileio.is_special(path)
    if kind is not None:
        raise ExportError(f"Cannot write {path}: it is {kind}; choose another name.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fileio.write_bytes_atomic(path, data)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def apkg_bytes(cards: Sequence[StudyCard], deck_name: str = DECK_NAME) -> bytes:
    import genanki  # lazily: only an export needs it

    model = genanki.Model(
        MODEL_ID, MODEL_NAME, fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Card 1", "qfmt": FRONT, "afmt": BACK}], css=CSS, sort_field_index=0)
    deck = genanki.Deck(DECK_ID, deck_name)
    for card in cards:
        deck.add_note(genanki.Note(
            model=model, guid=card.guid, tags=tags(card),
            fields=[as_html(card.front), as_html(card.back), _term_html(card), KIND_LABELS[card.kind],
                    html.escape(card.crisis, quote=False), card.card_id]))
    buf = io.BytesIO()
    genanki.Package(deck).write_to_file(buf)
    return buf.getvalue()


def csv_text(cards: Sequence[StudyCard], deck_name: str = DECK_NAME) -> str:
    """Anki's text import: header lines, then GUID, Front, Back, tags (the Basic note type)."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{deck_name}\n#guid column:1\n#tags column:4\n#columns:GUID,Front,Back,Tags\n")
    w = csv.writer(out, lineterminator="\n")
    for card in cards:
        front = f'<div class="term">{_term_html(card)} · {KIND_LABELS[card.kind]}</div>{as_html(card.front)}'
        back = as_html(card.back)
        if card.crisis:
            crisis = f'<br><br><div class="crisis"><b>{html.escape(card.crisis, quote=False)}</b></div>'
            front += crisis
            back += crisis
        w.writerow([card.guid, front, back, " ".join(tags(card))])
    return out.getvalue()


def export(cards: Sequence[StudyCard], path: str | Path, deck_name: str = DECK_NAME) -> str:
    """Write ``cards`` to ``path`` (.apkg or .csv, by its suffix). Returns the kind written."""
    path = Path(path)
    kind = kind_of_path(path)
    if not cards:
        raise ExportError(f"Nothing to export to {path}: the deck has no cards.")
    data = apkg_bytes(cards, deck_name) if kind == "apkg" else csv_text(cards, deck_name).encode("utf-8")
    _write(path, data)
    return kind
