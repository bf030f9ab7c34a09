"""Screen HTML for the term page, the home page, search results and the crisis page. Qt-free.

The output targets Qt's rich-text engine (QTextBrowser), which supports a subset of HTML 4 and CSS:
simple blocks, tables, inline colour and size. Every piece of content is escaped; the only links are
``term:<slug>`` (internal), ``section:<anchor>`` and the sources' https URLs, which the view opens only
after saying that they leave the app.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the home page is rendered before the first paint, long before any term is loaded
    from desktop_app.content.categories import Category
    from desktop_app.content.crisis import Region
    from desktop_app.content.model import Term

APP_NAME = "Brain & Body Glossary"


class Colors(NamedTuple):
    """Colours for one theme; both sets meet WCAG AA contrast for body text (checked in tests)."""

    text: str
    muted: str
    accent: str
    link: str
    background: str
    panel: str
    mark: str
    mark_text: str


LIGHT = Colors(text="#1d232a", muted="#4d5661", accent="#285e8e", link="#1a5a96", background="#ffffff",
               panel="#f1f4f7", mark="#ffe58a", mark_text="#1d232a")
DARK = Colors(text="#e6e9ed", muted="#b4bcc6", accent="#8cc4f0", link="#9fd0ff", background="#1b1f24",
              panel="#262c33", mark="#7a5c00", mark_text="#ffffff")


def esc(text: str) -> str:
    """Exactly ``html.escape(text, quote=True)`` (a test checks), without importing ``html``: its entity
    table costs ~2.5 ms, and the home page is escaped before the first paint."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;"))


def _style(c: Colors) -> str:
    return (
        "<style>"
        f"body {{ color: {c.text}; background-color: {c.background}; }}"
        f"a {{ color: {c.link}; }}"
        f"h1 {{ font-size: 190%; margin-bottom: 2px; color: {c.text}; }}"
        f"h2 {{ font-size: 135%; margin-top: 22px; margin-bottom: 6px; color: {c.accent}; }}"
        f"h3 {{ font-size: 112%; margin-top: 12px; color: {c.text}; }}"
        f".muted {{ color: {c.muted}; }}"
        f".summary {{ font-size: 118%; margin-top: 8px; margin-bottom: 8px; }}"
        f".cat {{ color: {c.muted}; font-size: 92%; }}"
        f".faqq {{ font-weight: bold; margin-top: 10px; }}"
        f".src {{ margin-bottom: 6px; }}"
        f".hit {{ margin-bottom: 14px; }}"
        f".snippet {{ color: {c.text}; }}"
        f".panel {{ background-color: {c.panel}; }}"
        "</style>"
    )


def _mark_words(escaped_html: str, words: Sequence[str], c: Colors) -> str:
    """Wrap whole-word, case-insensitive matches of ``words`` in a highlight, outside tags only."""
    import re

    words = [w for w in words if len(w) >= 2]
    if not words:
        return escaped_html
    pattern = re.compile(r"\b(" + "|".join(re.escape(esc(w)) for w in sorted(words, key=len, reverse=True))
                         + r")(\w*)", re.IGNORECASE)
    out: list[str] = []
    for piece in re.split(r"(<[^>]+>)", escaped_html):
        if piece.startswith("<"):
            out.append(piece)
        else:
            out.append(pattern.sub(
                lambda m: f'<span style="background-color:{c.mark}; color:{c.mark_text}">{m.group(0)}</span>', piece))
    return "".join(out)


def term_page(
    term: Term,
    *,
    titles: dict[str, str],
    related_of: Callable[[str], Sequence[str]],
    colors: Colors = LIGHT,
    highlight: Sequence[str] = (),
    bookmarked: bool = False,
    note: str = "",
    linked_from: Sequence[str] = (),
    region: Region | None = None,
) -> str:
    """The whole term page. ``titles`` maps every loaded slug to its title (links to others are plain text).

    ``region`` resolves ``{{emergency}}`` and ``{{crisis_line}}`` in the text (the default region without it).
    """
    from desktop_app.content import crisis, placeholders
    from desktop_app.render.markdown import inline, to_html  # not needed for the home page's first paint

    region = region or crisis.get_region(None)

    def link_ok(slug: str) -> bool:
        return slug in titles

    def fill(text: str) -> str:
        return placeholders.resolve(text, region)

    parts: list[str] = [f"<html><head>{_style(colors)}</head><body>"]
    parts.append(f'<p class="cat">{esc(term.category)}{" · ★ Bookmarked" if bookmarked else ""}</p>')
    parts.append(f"<h1>{esc(term.title)}</h1>")
    names = [*term.aliases]
    if names:
        parts.append(f'<p class="muted"><b>Also known as:</b> {esc(", ".join(names))}</p>')
    if term.brand_examples:
        parts.append(f'<p class="muted"><b>Brand-name examples (US):</b> {esc(", ".join(term.brand_examples))}. '
                     "Examples only, not a complete list or a recommendation.</p>")
    parts.append(f'<p class="summary">{esc(fill(term.summary))}</p>')
    if term.plain:
        # Patients and families read this first: a marked box near the top, in the page's own panel colour.
        parts.append(f'<a name="plain"></a><table class="plainbox" width="100%" cellspacing="0" cellpadding="10" '
                     f'border="0" style="background-color: {colors.panel}; margin-top: 4px; margin-bottom: 8px;">'
                     f'<tr><td><p style="margin-top: 0px; margin-bottom: 4px; color: {colors.accent};">'
                     f'<b>In plain words</b></p><p style="margin: 0px; font-size: 108%;">'
                     f"{inline(fill(term.plain), link_ok)}</p></td></tr></table>")
    if len(term.sections) > 2:
        toc = " · ".join(f'<a href="section:{esc(s.anchor)}">{esc(s.heading)}</a>' for s in term.sections)
        parts.append(f'<p class="muted">On this page: {toc} · <a href="section:faqs">FAQs</a> · '
                     '<a href="section:sources">Sources</a></p>')
    for s in term.sections:
        parts.append(f'<a name="{esc(s.anchor)}"></a><h2>{esc(s.heading)}</h2>')
        parts.append(to_html(fill(s.body), link_ok))
    if term.faqs:
        parts.append('<a name="faqs"></a><h2>Frequently asked questions</h2>')
        for i, f in enumerate(term.faqs, 1):
            # "faq-N" is the anchor search hits use for the N-th FAQ.
            parts.append(f'<a name="faq-{i}"></a><p class="faqq">{esc(fill(f.question))}</p>'
                         f"<p>{inline(fill(f.answer), link_ok)}</p>")
    if note.strip():
        parts.append('<a name="note"></a><h2>My note</h2>')
        parts.append("".join(f"<p>{esc(line)}</p>" for line in note.strip().split("\n") if line.strip()))
    related = [r for r in term.related if r in titles]
    if related:
        parts.append('<a name="related"></a><h2>Related terms</h2><p>')
        parts.append(" · ".join(f'<a href="term:{esc(r)}">{esc(titles[r])}</a>' for r in related))
        parts.append("</p>")
        # One step further: the related terms of the related terms, so a reader can wander the map.
        seen = {term.slug, *related}
        further: list[str] = []
        for r in related:
            for rr in related_of(r):
                if rr not in seen and rr in titles:
                    seen.add(rr)
                    further.append(rr)
        if further:
            parts.append('<h3>Keep walking the connections</h3><p class="muted">')
            parts.append(" · ".join(f'<a href="term:{esc(r)}">{esc(titles[r])}</a>' for r in further[:14]))
            parts.append("</p>")
    back = [s for s in linked_from if s in titles and s not in term.related]
    if back:
        parts.append('<h3>Also linked from</h3><p class="muted">')
        parts.append(" · ".join(f'<a href="term:{esc(s)}">{esc(titles[s])}</a>' for s in back))
        parts.append("</p>")
    parts.append('<a name="sources"></a><h2>Sources</h2>')
    for i, src in enumerate(term.sources, 1):
        if src.url:
            parts.append(f'<p class="src">{i}. {esc(src.publisher)}. <i>{esc(src.title)}</i>.<br/>'
                         f'<a href="{esc(src.url)}">{esc(src.url)}</a></p>')
        else:
            # No confirmed page: name the topic and the publisher, never a guessed address.
            parts.append(f'<p class="src">{i}. {esc(src.publisher)}. Topic: {esc(src.title)}. '
                         '<span class="muted">(No confirmed web page; look for this topic on the publisher\'s '
                         "site.)</span></p>")
    if term.reviewed:
        parts.append(f'<p class="muted">Reviewed {term.reviewed.strftime("%d %B %Y").lstrip("0")}. '
                     "Educational information, not medical advice.</p>")
    parts.append("</body></html>")
    page = "\n".join(parts)
    return _mark_words(page, highlight, colors) if highlight else page


def home_page(
    categories: Sequence[Category],
    counts: dict[str, int],
    recent: Sequence[tuple[str, str]],
    random_term: tuple[str, str] | None,
    colors: Colors = LIGHT,
    loading: bool = False,
    columns: int = 2,
) -> str:
    """``columns``: category cards per row (1 in a narrow page, so that each blurb stays readable)."""
    columns = max(1, columns)
    parts = [f"<html><head>{_style(colors)}</head><body>", f"<h1>{esc(APP_NAME)}</h1>"]
    parts.append('<p class="summary">A calm, offline reference of mental-health terms for clinicians and '
                 "students. Search from the toolbar (Ctrl+K), or browse below.</p>")
    parts.append('<table width="100%" cellspacing="10" cellpadding="8">')
    width = f"{100 // columns}%"
    for i, cat in enumerate(categories):
        if i % columns == 0:
            parts.append("<tr>")
        n = counts.get(cat.name)
        count = f' <span class="muted">({n} terms)</span>' if n else ""
        parts.append(f'<td class="panel" width="{width}" valign="top"><a href="category:{esc(cat.id)}">'
                     f"<b>{esc(cat.name)}</b></a>{count}<br/>"
                     f'<span class="muted">{esc(cat.blurb)}</span></td>')
        if i % columns == columns - 1:
            parts.append("</tr>")
    if len(categories) % columns:
        parts.append("<td></td>" * (columns - len(categories) % columns) + "</tr>")
    parts.append("</table>")
    if recent:
        parts.append("<h2>Recently viewed</h2><p>")
        parts.append(" · ".join(f'<a href="term:{esc(s)}">{esc(t)}</a>' for s, t in recent))
        parts.append("</p>")
    if random_term:
        parts.append(f'<h2>A term to explore</h2><p><a href="term:{esc(random_term[0])}">{esc(random_term[1])}</a>'
                     ' · <a href="random:">Show another term</a></p>')
    if loading:
        parts.append('<p class="muted">Loading the glossary…</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


class ResultRow(NamedTuple):
    slug: str
    title: str
    category: str
    matched_alias: str | None
    section: str | None
    section_heading: str | None
    snippet_html: str  # already escaped, with <b> marks


def results_page(query: str, rows: Sequence[ResultRow], did_you_mean: str | None, category: str | None,
                 colors: Colors = LIGHT, total: int | None = None, total_exact: bool = True) -> str:
    """``total``: how many terms matched (``rows`` are the best of them; a lower bound unless ``total_exact``).
    When the rows are not all of them, the count line offers a ``more:`` link that shows every match."""
    parts = [f"<html><head>{_style(colors)}</head><body>"]
    scope = f" in {esc(category)}" if category else ""
    n = total if total is not None else len(rows)
    parts.append(f"<h1>Results for “{esc(query)}”</h1>")
    if rows and (n > len(rows) or not total_exact):
        of = f"{n}" if total_exact else f"at least {n}"
        parts.append(f'<p class="muted">The {len(rows)} best matches of {of} terms{scope} · '
                     '<a href="more:">show them all</a></p>')
    elif rows:
        parts.append(f'<p class="muted">{n} term{"s" if n != 1 else ""}{scope}</p>')
    if did_you_mean and rows:
        parts.append(f"<p>Showing results for <b>{esc(did_you_mean)}</b> (spelling corrected from "
                     f"“{esc(query)}”).</p>")
    elif did_you_mean:
        parts.append(f'<p>Did you mean <a href="search:{esc(did_you_mean)}"><b>{esc(did_you_mean)}</b></a>?</p>')
    if not rows:
        parts.append(f"<h2>No terms match{scope}</h2>")
        parts.append("<p>Try fewer or simpler words, an abbreviation (for example GAD or SSRI), a common name, "
                     "or check the spelling.")
        if category:
            parts.append(" You are searching one category only: "
                         f'<a href="search-all:{esc(query)}">search all categories</a>.')
        parts.append(" You can also browse every term A–Z in the side panel.</p>")
    for r in rows:
        target = f"term:{r.slug}" + (f"#{r.section}" if r.section else "")
        alias = f' <span class="muted">({esc(r.matched_alias)} → {esc(r.title)})</span>' if r.matched_alias else ""
        where = f' · in “{esc(r.section_heading)}”' if r.section_heading else ""
        parts.append(f'<p class="hit"><a href="{esc(target)}"><b>{esc(r.title)}</b></a>{alias}<br/>'
                     f'<span class="cat">{esc(r.category)}{where}</span><br/>'
                     f'<span class="snippet">{r.snippet_html}</span></p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def crisis_page(region: Region, all_regions: Iterable[Region], colors: Colors = LIGHT) -> str:
    parts = [f"<html><head>{_style(colors)}</head><body>"]
    parts.append(f"<h1>Crisis resources: {esc(region.name)}</h1>")
    parts.append(f'<p class="summary"><b>{esc(region.emergency_note)}</b></p>')
    parts.append("<p>If you are thinking about suicide, or worried about someone, you can reach a trained person "
                 "now. Talking to someone helps, and you do not need to be in immediate danger to call or text.</p>")
    for line in region.lines:
        parts.append(f"<h2>{esc(line.name)}</h2>")
        if line.formerly:
            parts.append(f'<p class="muted">Formerly: {esc(line.formerly)}</p>')
        if line.note:
            parts.append(f"<p><i>{esc(line.note)}</i></p>")
        parts.append("<ul>" + "".join(f"<li><b>{esc(c.kind.capitalize())}:</b> {esc(c.value)}</li>" for c in line.how)
                     + "</ul>")
        parts.append(f"<p>Hours: {esc(line.hours)}</p>")
        s = line.source
        parts.append(f'<p class="muted">Source: {esc(s.publisher)}, “{esc(s.title)}” ({esc(s.date)}), '
                     f'<a href="{esc(s.url)}">{esc(s.url)}</a></p>')
    es = region.emergency_source
    parts.append(f"<h2>Emergency: {esc(region.emergency)}</h2>")
    parts.append(f'<p class="muted">Source: {esc(es.publisher)}, “{esc(es.title)}” ({esc(es.date)}), '
                 f'<a href="{esc(es.url)}">{esc(es.url)}</a></p>')
    checked = region.checked.isoformat() if isinstance(region.checked, _dt.date) else "unknown"
    parts.append(f'<p class="muted">These facts were checked on {checked} against the project\'s crisis fact '
                 "sheet, which records each source and its date. Services change: confirm on the official site "
                 "when you can.</p>")
    others = [r for r in all_regions if r.code != region.code]
    if others:
        parts.append("<h2>Other regions</h2><p>")
        parts.append(" · ".join(f'<a href="region:{esc(r.code)}">{esc(r.name)}</a>' for r in others))
        parts.append("</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def apa_citation(term: Term, *, content_version: str, app_version: str, retrieved: _dt.date) -> str:
    """An APA 7 style reference for a glossary entry (a reference work entry, with retrieval date)."""
    year = term.reviewed.year if term.reviewed else "n.d."
    when = retrieved.strftime("%B %d, %Y").replace(" 0", " ")
    # APA 7, reference-work entry with no individual author: the entry title moves to the author position.
    return (f"{term.title}. ({year}). In Brain & Body Glossary (Version {app_version}; content version "
            f"{content_version}) [Offline reference software]. Retrieved {when}.")


def shortcuts_page(groups: Sequence[tuple[str, Sequence[tuple[str, Sequence[str]]]]],
                   colors: Colors = LIGHT) -> str:
    """The keyboard reference: ``groups`` is [(heading, [(what it does, [keys, ...]), ...]), ...]."""
    parts = [f"<html><head>{_style(colors)}</head><body>", "<h1>Keyboard shortcuts</h1>"]
    parts.append('<p class="muted">Every command is also in the menus; Tab and Shift+Tab move between the '
                 "crisis panel, the toolbar, the side panel and the page.</p>")
    for heading, rows in groups:
        if not rows:
            continue
        parts.append(f"<h2>{esc(heading)}</h2>")
        parts.append('<table cellspacing="0" cellpadding="3">')
        for what, keys in rows:
            shown = " or ".join(f"<b>{esc(k)}</b>" for k in keys)
            parts.append(f'<tr><td width="55%">{esc(what)}</td><td>{shown}</td></tr>')
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
