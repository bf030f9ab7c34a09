"""Plain data classes for the glossary. Qt-free and Whoosh-free."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.content.categories import Category

__all__ = ["Category", "Faq", "Section", "Source", "Term"]


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str | None  # None only for a source marked unconfirmed (no URL is ever invented)
    checked: _dt.date | None = None


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str  # stable id for landing on the section, e.g. "what-it-isnt"
    body: str  # the section's Markdown source (the small subset the renderer allows)
    line: int  # 1-based line of the heading in the file


@dataclass(frozen=True)
class Term:
    slug: str
    title: str
    category: str  # Category.name
    summary: str
    aliases: tuple[str, ...] = ()
    brand_examples: tuple[str, ...] = ()  # medication classes: common US brand names, examples only
    lay_terms: tuple[str, ...] = ()  # everyday words people search with (search only, never shown as names)
    tier: str = "full"  # "full" (450-800 words, 3+ FAQs) or "brief" (180-350 words, 1+ FAQ)
    plain: str = ""  # 3-6 short sentences for patients and families (grade 8 or below)
    related: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    reviewed: _dt.date | None = None
    faqs: tuple[Faq, ...] = ()
    sections: tuple[Section, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        """Title, aliases and brand examples: every name a reader may type for this term."""
        return (self.title, *self.aliases, *self.brand_examples)

    def section(self, anchor: str) -> Section | None:
        for s in self.sections:
            if s.anchor == anchor:
                return s
        return None

    def word_count(self) -> int:
        words = len(self.summary.split())
        for s in self.sections:
            words += len(s.body.split())
        return words
