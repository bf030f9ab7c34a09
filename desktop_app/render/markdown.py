"""The glossary's small, safe Markdown subset -> HTML. Qt-free, pure.

Everything is escaped first; only these constructs become markup:

* blank-line separated paragraphs; ``### `` sub-headings;
* ``-`` / ``*`` bullet lists and ``1.`` numbered lists (one level);
* ``**bold**`` and ``*italic*``;
* ``[text](term:slug)`` links to other terms, emitted as ``href="term:slug"``.

Any other link, raw HTML or image syntax stays visible as plain, escaped text, so a content file
cannot inject links, images or scripts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_LINK_RE = re.compile(r"\[([^\]\n]+)\]\(term:([a-z0-9]+(?:-[a-z0-9]+)*)\)")
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BULLET_RE = re.compile(r"^\s{0,3}[-*]\s+(.*)$")
_NUMBER_RE = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
_SUBHEAD_RE = re.compile(r"^###\s+(.+?)\s*#*\s*$")

LinkFilter = Callable[[str], bool]


def inline(text: str, link_ok: LinkFilter | None = None, link_class: str = "term") -> str:
    """Escape ``text`` and apply bold, italic and term links (links may sit inside bold or italic).

    ``link_ok(slug)`` decides whether a term link becomes a link (an unknown slug is shown as plain text).
    """
    escaped = html.escape(text, quote=False)

    def link(m: re.Match[str]) -> str:
        label, slug = m.group(1), m.group(2)
        if link_ok is None or link_ok(slug):
            return f'<a class="{link_class}" href="term:{slug}">{label}</a>'
        return label

    # Escaping leaves [, ], ( and ) alone, so links are found in the escaped text; the emphasis pass
    # runs last over the whole line, so **[a link](term:x)** becomes a bold link.
    return _emphasis(_LINK_RE.sub(link, escaped))


def _emphasis(escaped: str) -> str:
    escaped = _BOLD_RE.sub(r"<b>\1</b>", escaped)
    return _ITALIC_RE.sub(r"<i>\1</i>", escaped)


def to_html(markdown: str, link_ok: LinkFilter | None = None, heading_tag: str = "h3") -> str:
    """Convert a section body to HTML blocks."""
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_para() -> None:
        if para:
            blocks.append("<p>" + inline(" ".join(s.strip() for s in para), link_ok) + "</p>")
            para.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            lis = "".join(f"<li>{inline(i, link_ok)}</li>" for i in items)
            blocks.append(f"<{list_tag}>{lis}</{list_tag}>")
            items.clear()
        list_tag = ""

    for line in markdown.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            flush_para()
            flush_list()
            continue
        m_head = _SUBHEAD_RE.match(line)
        m_bullet = _BULLET_RE.match(line)
        m_number = _NUMBER_RE.match(line)
        if m_head:
            flush_para()
            flush_list()
            blocks.append(f"<{heading_tag}>{inline(m_head.group(1), link_ok)}</{heading_tag}>")
        elif m_bullet or m_number:
            flush_para()
            tag = "ul" if m_bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append((m_bullet or m_number).group(1).strip())  # type: ignore[union-attr]
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()  # continuation of a list item
        else:
            flush_list()
            para.append(line)
    flush_para()
    flush_list()
    return "\n".join(blocks)


def plain_text(markdown: str) -> str:
    """The text a reader sees, without markup (for search snippets and find-in-page)."""
    text = _LINK_RE.sub(lambda m: m.group(1), markdown)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+?)\*(?![\w*])", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:[-*]|\d{1,3}[.)])\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^###\s+", "", text, flags=re.MULTILINE)
    return text
