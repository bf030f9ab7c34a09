"""Decks: which terms a study session or an export covers. Qt-free.

A deck is a name and a list of term slugs, from a category, the bookmarks, a saved handout list
(``.handout.json``), a search, or slugs given by hand. Slugs that are not in the glossary are reported,
never fatal (a list made with a newer glossary still works).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from desktop_app.content.crisis import Region
from desktop_app.study.cards import StudyCard, cards_for_terms

if TYPE_CHECKING:
    from desktop_app.content.loader import Glossary


class DeckError(ValueError):
    """The deck cannot be made (unknown category, unreadable list, nothing in it). The message says why."""


class Deck(NamedTuple):
    name: str
    slugs: tuple[str, ...]
    missing: tuple[str, ...] = ()  # asked for but not in the glossary

    def cards(self, glossary: Glossary, region: Region) -> list[StudyCard]:
        return cards_for_terms((glossary.terms[s] for s in self.slugs), region)


def _known(glossary: Glossary, slugs: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    have, missing = [], []
    for s in slugs:
        if s in glossary.terms:
            if s not in have:
                have.append(s)
        elif s not in missing:
            missing.append(s)
    return tuple(have), tuple(missing)


def all_terms(glossary: Glossary) -> Deck:
    return Deck("All terms", tuple(t.slug for ts in glossary.by_category().values() for t in ts))


def from_category(glossary: Glossary, name: str) -> Deck:
    """A category by its name or id, any case ("Medications", "medications", "care-and-support")."""
    wanted = name.strip().casefold()
    by_cat = glossary.by_category()
    for cat_name, terms in by_cat.items():
        cat_id = cat_name.casefold().replace(" and ", "-and-").replace(" ", "-")
        if wanted in (cat_name.casefold(), cat_id):
            return Deck(cat_name, tuple(t.slug for t in terms))
    names = ", ".join(by_cat)
    raise DeckError(f"There is no category '{name}'. The categories are: {names}.")


def from_slugs(glossary: Glossary, slugs: Sequence[str], name: str = "Selected terms") -> Deck:
    have, missing = _known(glossary, slugs)
    return Deck(name, have, missing)


def from_bookmarks(glossary: Glossary, bookmarks: Sequence[str]) -> Deck:
    return from_slugs(glossary, bookmarks, "Bookmarks")


def from_handout(glossary: Glossary, path: str | Path) -> Deck:
    from desktop_app.userdata.handouts import HandoutFileError, load_handout

    try:
        handout = load_handout(path)
    except HandoutFileError as exc:
        raise DeckError(str(exc)) from exc
    return from_slugs(glossary, handout.slugs, handout.title or Path(path).name.removesuffix(".handout.json"))


def from_search(glossary: Glossary, query: str, limit: int = 50) -> Deck:
    """The best ``limit`` hits of a search (opens or builds the index, as the search command does)."""
    from desktop_app.search.engine import SearchEngine

    engine, _status = SearchEngine.open_or_build(glossary)
    try:
        results = engine.search(query, limit=limit)
    finally:
        engine.close()
    return from_slugs(glossary, [h.slug for h in results.hits], f"Search: {query}")
