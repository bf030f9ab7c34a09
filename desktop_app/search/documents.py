"""Pure converters: a Term -> its index document, and Markdown -> plain text for matching and snippets."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.content.model import Category, Term
from desktop_app.search import schema as f

_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_EMPHASIS_RE = re.compile(r"\*{1,3}(?=\S)(.+?)(?<=\S)\*{1,3}")
_LINE_MARK_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s?)", re.MULTILINE)
_SPACE_RE = re.compile(r"[ \t]*\n[ \t\n]*|[ \t]{2,}")


_LIST_ITEM_RE = re.compile(r"^(\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+.*?[^.!?:;,\s])[ \t]*$", re.MULTILINE)


# Term text names emergency and crisis numbers through placeholders that the page resolves for the reader's
# region (content/placeholders.py). The index and the snippets are the same for every region, so they read
# region-neutral words instead: "call {{emergency}}" is indexed and shown as "call emergency services".
NEUTRAL_PLACEHOLDERS = {"{{emergency}}": "emergency services", "{{crisis_line}}": "a crisis line"}
_PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def neutral(text: str) -> str:
    """``text`` with every ``{{placeholder}}`` replaced by region-neutral words (unknown ones dropped)."""
    if "{{" not in text:
        return text
    return _PLACEHOLDER_RE.sub(lambda m: NEUTRAL_PLACEHOLDERS.get("{{" + m.group(1) + "}}", ""), text)


def plain_text(markdown: str) -> str:
    """The readable text of a section body: link labels kept, markup, list marks and blank lines removed.

    A list item without closing punctuation gets a full stop, so that items joined into one line of text (a
    search snippet) do not run together ("dizziness. Stomach problems").
    """
    text = _LINK_RE.sub(r"\1", neutral(markdown))
    text = _EMPHASIS_RE.sub(r"\1", text)
    text = _LIST_ITEM_RE.sub(r"\1.", text)
    text = _LINE_MARK_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


@dataclass(frozen=True)
class Passage:
    """A piece of a term a hit can point at: the summary, a body section or an FAQ."""

    section: str | None  # section anchor, "faq-N" for the N-th FAQ (1-based), None for the summary
    heading: str | None  # shown beside the snippet ("How it works", or the FAQ question)
    text: str  # plain text


def passages(term: Term) -> list[Passage]:
    """The summary, each section and each FAQ of ``term`` as plain-text passages, in page order."""
    out = [Passage(None, None, neutral(term.summary))]
    if term.plain:
        out.append(Passage(None, None, neutral(term.plain)))  # shown near the top of the page
    out += [Passage(s.anchor, s.heading, plain_text(s.body)) for s in term.sections]
    out += [Passage(f"faq-{i}", q.question, neutral(f"{q.question} {q.answer}"))
            for i, q in enumerate(term.faqs, 1)]
    return out


def category_ids(categories: Iterable[Category]) -> dict[str, str]:
    """Category name -> id (from ``Glossary.categories``)."""
    return {c.name: c.id for c in categories}


def term_document(term: Term, category_id: str, related_titles: Iterable[str] = ()) -> dict[str, object]:
    """The index document of one term (the only place that decides what goes into which field)."""
    return {
        f.SLUG: term.slug,
        f.TITLE: term.title,
        f.ALIASES: "\n".join((*term.aliases, *term.brand_examples)),
        f.LAY: "\n".join(term.lay_terms),
        f.SUMMARY: neutral(term.summary),
        f.PLAIN: neutral(term.plain),
        f.SECTIONS: "\n".join(f"{s.heading}\n{plain_text(s.body)}" for s in term.sections),
        f.FAQ_QUESTIONS: "\n".join(q.question for q in term.faqs),
        f.FAQ_ANSWERS: neutral("\n".join(q.answer for q in term.faqs)),
        f.CATEGORY: category_id,
        f.RELATED: "\n".join(related_titles),
        f.DOC: {"title": term.title, "category": term.category},
    }


def fingerprint(terms: Mapping[str, Term], category_map: Mapping[str, str]) -> str:
    """A hash of everything the index is built from; any content change gives another fingerprint."""
    h = hashlib.sha256()
    h.update(json.dumps(sorted(category_map.items())).encode())
    for slug in sorted(terms):
        t = terms[slug]
        record = [
            t.slug, t.title, t.category, t.summary, list(t.aliases), list(t.brand_examples), list(t.related),
            list(t.lay_terms), t.plain,
            [[s.heading, s.anchor, s.body] for s in t.sections], [[q.question, q.answer] for q in t.faqs],
        ]
        h.update(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()
