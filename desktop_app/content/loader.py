"""Load and validate the glossary. Qt-free.

``load_glossary()`` reads every term file and returns a :class:`Glossary` with the valid terms and
*every* problem found, each naming the file, the line where known, the field and what is wrong.
A term with an error is left out (the rest still load); a related link to a term in the caller's
``launch_list`` (planned, not written yet) is reported as *pending*, not as an error.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from desktop_app import paths
from desktop_app.content import frontmatter
from desktop_app.content.categories import (
    categories_or_fallback,
    categories_path,
    load_categories,  # noqa: F401 - re-exported: callers import it here
)
from desktop_app.content.model import Category, Faq, Section, Source, Term

MAX_FILE_BYTES = 512 * 1024  # a term is a few KB; anything this big is a mistake, not a term
MIN_SECTIONS = 3
MIN_FAQS = 3
MIN_RELATED = 3
MIN_BODY_WORDS = 400
# A brief entry (signs, side effects, instruments, services, anatomy): 180-350 words and one FAQ or more.
TIERS = ("full", "brief")
MIN_BRIEF_WORDS = 160
MAX_BRIEF_WORDS = 420
MIN_BRIEF_FAQS = 1
# A related link may be one-way only when it points to a hub: a term that at least this many other terms
# list as related. A hub cannot list every specific term back; its page shows them as "Linked from".
HUB_MIN_INCOMING = 10

REQUIRED_KEYS = ("slug", "title", "category", "summary", "related", "sources", "reviewed", "faqs")
OPTIONAL_KEYS = ("aliases", "brand_examples", "lay_terms", "tier", "plain")
ALLOWED_KEYS = frozenset(REQUIRED_KEYS + OPTIONAL_KEYS)
SOURCE_KEYS = frozenset({"title", "publisher", "url", "checked", "unconfirmed"})
FAQ_KEYS = frozenset({"q", "a"})

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$")
WHAT_IT_ISNT_RE = re.compile(r"^what\b.*\b(isn['’]t|is not|aren['’]t|are not)\b", re.IGNORECASE)
LINK_RE = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
RAW_HTML_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
# A sentence end inside the summary: ., ! or ? followed by a space and a capital letter or digit.
SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’)]?\s+[A-Z0-9“\"]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content. ``pending`` problems do not make a term invalid."""

    path: Path
    field: str
    message: str
    line: int | None = None
    pending: bool = False
    # False for a problem between terms (a link to a missing term, the related-links map): ``check`` reports
    # it as an error, but the term itself is fine and is kept (the link shows as plain text).
    skips: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        kind = "pending" if self.pending else "error"
        return f"{where}: {kind}: {self.field}: {self.message}"


@dataclass
class Glossary:
    terms: dict[str, Term]
    categories: list[Category]
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, list[Problem]] = field(default_factory=dict)  # file name -> its errors
    # One line per shared content file that could not be used (categories.yaml, sources.yaml), for the window.
    file_notices: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.pending]

    @property
    def pending(self) -> list[Problem]:
        return [p for p in self.problems if p.pending]

    def by_category(self) -> dict[str, list[Term]]:
        out: dict[str, list[Term]] = {c.name: [] for c in self.categories}
        for t in sorted(self.terms.values(), key=lambda t: t.title.casefold()):
            out.setdefault(t.category, []).append(t)
        return out

    @property
    def content_version(self) -> str:
        """The date of the newest review, as YYYY-MM-DD (or 'unreviewed')."""
        dates = [t.reviewed for t in self.terms.values() if t.reviewed]
        return max(dates).isoformat() if dates else "unreviewed"


# --------------------------------------------------------------------------- categories and lists


def load_known_sources(path: Path | None = None) -> dict[str, dict[str, str]]:
    """URL -> {title, publisher} of every public-health page a term may cite.

    Read from ``sources.yaml`` and from every ``sources.d/*.yaml`` beside it (one file per group of
    entries, so that writers of different groups never edit the same file). Raises nothing: a file that
    cannot be used is left out (see :func:`read_known_sources` for the problems)."""
    return read_known_sources(path)[0] or {}


def read_known_sources(path: Path | None = None) -> tuple[dict[str, dict[str, str]] | None, list[Problem]]:
    """(URL -> entry, problems). The list is None when sources.yaml is missing or any list file is damaged:
    the list cannot be trusted, so terms are not checked against it (and are not skipped for it); each
    problem names the file, the line and the field, and makes ``check`` fail."""
    path = path or (paths.content_dir() / "sources.yaml")
    problems: list[Problem] = []
    if not path.exists():
        problems.append(Problem(path, "file", "is missing: it lists the confirmed source pages that terms may cite"))
    files = [path] if path.exists() else []
    extra = path.parent / "sources.d"
    if extra.is_dir():
        files += sorted(extra.glob("*.yaml"))
    out: dict[str, dict[str, str]] = {}
    for f in files:
        try:
            text = f.read_bytes().decode("utf-8-sig")
            raw = yaml.load(text, Loader=frontmatter.SafeLoader) or []  # a safe loader
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(f, "file", f"cannot be read: {getattr(exc, 'strerror', None) or exc}"))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Problem(f, "file", f"is not valid YAML: {getattr(exc, 'problem', None) or exc}",
                                    mark.line + 1 if mark is not None else None))
            continue
        if not isinstance(raw, list):
            problems.append(Problem(f, "file", "must be a list of sources (- url: …, title: …, publisher: …)"))
            continue
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                problems.append(Problem(f, "url", f"entry {i + 1} has no url"))
                continue
            out[item["url"]] = item
    return (None if problems else out), problems


# --------------------------------------------------------------------------- helpers


def anchor_for(heading: str) -> str:
    """A stable, URL-safe anchor for a section heading ("What it isn't" -> "what-it-isnt")."""
    text = heading.casefold().replace("’", "").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "section"


def split_sections(body: str, body_line: int) -> tuple[str, list[Section]]:
    """Split the Markdown body at ``## `` headings. Returns (text before the first heading, sections)."""
    lines = body.split("\n")
    preamble: list[str] = []
    sections: list[Section] = []
    current: tuple[str, int] | None = None
    buf: list[str] = []
    used: set[str] = set()

    def close() -> None:
        if current is None:
            return
        heading, line = current
        anchor = base = anchor_for(heading)
        n = 2
        while anchor in used:
            anchor = f"{base}-{n}"
            n += 1
        used.add(anchor)
        sections.append(Section(heading=heading, anchor=anchor, body="\n".join(buf).strip(), line=line))

    for i, line in enumerate(lines):
        m = HEADING_RE.match(line)
        if m and not line.startswith("###"):
            close()
            current = (m.group(1).strip(), body_line + i)
            buf = []
        elif current is None:
            preamble.append(line)
        else:
            buf.append(line)
    close()
    return "\n".join(preamble).strip(), sections


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_one_sentence(text: str) -> bool:
    text = text.strip()
    if not text or text[-1] not in ".!?":
        return False
    return SENTENCE_BREAK_RE.search(text[:-1]) is None


# --------------------------------------------------------------------------- one file


@dataclass
class _Parsed:
    term: Term
    problems: list[Problem]
    related_lines: dict[str, int | None]
    body_links: list[tuple[str, int]]  # (slug, line) of every [text](term:slug) in the body
    alias_line: int | None
    related_line: int | None


def read_term_file(
    path: Path,
    categories: Iterable[Category],
    known_sources: dict[str, dict[str, str]] | None = None,
    today: _dt.date | None = None,
) -> tuple[Term | None, list[Problem], _Parsed | None]:
    """Read one term file. Checks everything that can be checked without the other terms."""
    problems: list[Problem] = []

    def err(fld: str, msg: str, line: int | None = None) -> None:
        problems.append(Problem(path, fld, msg, line))

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            err("file", f"is {size:,} bytes; a term file must be under {MAX_FILE_BYTES:,} bytes")
            return None, problems, None
        raw = path.read_bytes()
    except OSError as exc:
        err("file", f"cannot be read: {exc.strerror or exc}")
        return None, problems, None
    if not raw.strip():
        err("file", "is empty")
        return None, problems, None
    if b"\x00" in raw:
        err("file", "contains NUL bytes: it is binary, not a Markdown text file")
        return None, problems, None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        err("file", f"is not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})", line)
        return None, problems, None
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    try:
        fm = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        err("front matter", exc.message, exc.line)
        return None, problems, None

    data = fm.data
    for key, line in fm.duplicate_keys:
        err(key, "is given twice in the front matter", line)
    for key in data:
        if key not in ALLOWED_KEYS:
            hint = _closest(str(key), ALLOWED_KEYS)
            extra = f" (did you mean '{hint}'?)" if hint else ""
            err(str(key), f"is not a known field{extra}; allowed: {', '.join(sorted(ALLOWED_KEYS))}",
                fm.line_of(str(key)))
    for key in REQUIRED_KEYS:
        if key not in data:
            err(key, "is missing")
        elif data[key] is None or (isinstance(data[key], str | list) and not data[key]):
            err(key, "is empty", fm.line_of(key))

    def text_field(key: str) -> str:
        value = data.get(key)
        if value is None or key not in data:
            return ""
        if not isinstance(value, str):
            err(key, f"must be text, not {_type_name(value)}", fm.line_of(key))
            return ""
        return value.strip()

    slug = text_field("slug")
    title = text_field("title")
    category = text_field("category")
    summary = text_field("summary")
    plain = text_field("plain")
    tier = text_field("tier") or "full"
    if tier not in TIERS:
        err("tier", f"'{tier}' is not a tier; use one of: {', '.join(TIERS)}", fm.line_of("tier"))
        tier = "full"

    if slug:
        if not SLUG_RE.match(slug):
            err("slug", f"'{slug}' must be lower-case letters, digits and single hyphens", fm.line_of("slug"))
        if slug != path.stem:
            err("slug", f"'{slug}' does not match the file name '{path.name}' (expected '{path.stem}')",
                fm.line_of("slug"))
    if title and len(title) > 80:
        err("title", f"is {len(title)} characters; keep it under 80", fm.line_of("title"))
    cat_names = [c.name for c in categories]
    if category and category not in cat_names:
        err("category", f"'{category}' is not a category; use one of: {'; '.join(cat_names)}",
            fm.line_of("category"))
    if summary and not is_one_sentence(summary):
        err("summary", "must be exactly one sentence, ending with a full stop", fm.line_of("summary"))

    def text_list(key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            err(key, f"must be a list, not {_type_name(value)}", fm.line_of(key))
            return []
        out: list[str] = []
        for i, item in enumerate(value):
            if not _is_text(item):
                err(key, f"item {i + 1} must be non-empty text, not {_type_name(item)}", fm.line_of(key, i))
            else:
                out.append(item.strip())
        return out

    aliases = text_list("aliases")
    brand_examples = text_list("brand_examples")
    lay_terms = text_list("lay_terms")
    names_seen: dict[str, str] = {}
    for name in [title, *aliases, *brand_examples]:
        if not name:
            continue
        key = name.casefold()
        if key in names_seen:
            err("aliases", f"'{name}' is listed twice for this term", fm.line_of("aliases"))
        names_seen[key] = name

    related = text_list("related")
    related_lines: dict[str, int | None] = {}
    seen_rel: set[str] = set()
    for i, r in enumerate(related):
        line = fm.line_of("related", i)
        related_lines[r] = line
        if r in seen_rel:
            err("related", f"'{r}' is listed twice", line)
        seen_rel.add(r)
        if slug and r == slug:
            err("related", "a term cannot be related to itself", line)
    if "related" in data and isinstance(data.get("related"), list) and len(seen_rel) < MIN_RELATED:
        err("related", f"has {len(seen_rel)} terms; at least {MIN_RELATED} are needed", fm.line_of("related"))

    sources = _read_sources(data, fm, err, known_sources)
    reviewed = None
    if "reviewed" in data and data["reviewed"] is not None:
        reviewed = _as_date(data["reviewed"])
        if reviewed is None:
            err("reviewed", f"'{data['reviewed']}' is not a date (write YYYY-MM-DD)", fm.line_of("reviewed"))
        elif reviewed > (today or _dt.date.today()):
            err("reviewed", f"{reviewed.isoformat()} is in the future", fm.line_of("reviewed"))
    faqs = _read_faqs(data, fm, err, MIN_BRIEF_FAQS if tier == "brief" else MIN_FAQS)

    preamble, sections = split_sections(fm.body, fm.body_line)
    if preamble:
        err("body", "text before the first '## ' heading; every paragraph belongs to a section", fm.body_line)
    if len(sections) < MIN_SECTIONS:
        err("body", f"has {len(sections)} sections ('## ' headings); at least {MIN_SECTIONS} are needed",
            fm.body_line)
    if sections and not any(WHAT_IT_ISNT_RE.match(s.heading) for s in sections):
        err("body", "has no \"What it isn't\" section (a '## What it isn't' heading)", fm.body_line)
    for s in sections:
        if not s.body:
            err("body", f"section '{s.heading}' is empty", s.line)
    headings_seen: set[str] = set()
    for s in sections:
        if s.heading.casefold() in headings_seen:
            err("body", f"section '{s.heading}' appears twice", s.line)
        headings_seen.add(s.heading.casefold())

    body_links: list[tuple[str, int]] = []
    body_lines = fm.body.split("\n")
    for i, line in enumerate(body_lines):
        lineno = fm.body_line + i
        for m in LINK_RE.finditer(line):
            target = m.group(2)
            if target.startswith("term:"):
                body_links.append((target[5:], lineno))
            else:
                err("body", f"link to '{target}' is not allowed: only [text](term:slug) links to other "
                    "terms; cite web pages under sources", lineno)
        if RAW_HTML_RE.search(line):
            err("body", "contains raw HTML; the format is plain Markdown (it would be shown as text)", lineno)
        if line.lstrip().startswith("!["):
            err("body", "images are not part of the format", lineno)

    term = Term(
        slug=slug or path.stem,
        title=title,
        category=category,
        summary=summary,
        aliases=tuple(aliases),
        brand_examples=tuple(brand_examples),
        lay_terms=tuple(lay_terms),
        tier=tier,
        plain=plain,
        related=tuple(related),
        sources=tuple(sources),
        reviewed=reviewed,
        faqs=tuple(faqs),
        sections=tuple(sections),
        path=path,
    )
    words = term.word_count()
    if sections and tier == "full" and words < MIN_BODY_WORDS:
        err("body", f"has {words} words; a full term needs at least {MIN_BODY_WORDS}", fm.body_line)
    if sections and tier == "brief" and not MIN_BRIEF_WORDS <= words <= MAX_BRIEF_WORDS:
        err("body", f"has {words} words; a brief term has {MIN_BRIEF_WORDS} to {MAX_BRIEF_WORDS} "
            "(write a full entry for more)", fm.body_line)
    parsed = _Parsed(term, problems, related_lines, body_links, fm.line_of("aliases"), fm.line_of("related"))
    return (None if problems else term), problems, parsed


def _read_sources(data: dict[str, Any], fm: frontmatter.FrontMatter, err: Any,
                  known: dict[str, dict[str, str]] | None) -> list[Source]:
    value = data.get("sources")
    if value is None:
        return []
    if not isinstance(value, list):
        err("sources", f"must be a list, not {_type_name(value)}", fm.line_of("sources"))
        return []
    out: list[Source] = []
    for i, item in enumerate(value):
        line = fm.line_of("sources", i)
        label = f"source {i + 1}"
        if not isinstance(item, dict):
            err("sources", f"{label} must have title, publisher and url fields", line)
            continue
        for k in item:
            if k not in SOURCE_KEYS:
                err("sources", f"{label}: '{k}' is not a known field (allowed: {', '.join(sorted(SOURCE_KEYS))})",
                    line)
        title, publisher, url = item.get("title"), item.get("publisher"), item.get("url")
        unconfirmed = item.get("unconfirmed") is True
        if not _is_text(title):
            err("sources", f"{label} has no title", line)
        if not _is_text(publisher):
            err("sources", f"{label} has no publisher", line)
        if url is None or (isinstance(url, str) and not url.strip()):
            if not unconfirmed:
                err("sources", f"{label} has no url (a source without a confirmed page must say "
                    "'unconfirmed: true'; never invent a URL)", line)
            url = None
        elif not isinstance(url, str):
            err("sources", f"{label}: url must be text", line)
            url = None
        else:
            url = url.strip()
            if not url.startswith("https://"):
                err("sources", f"{label}: url '{url}' must start with https://", line)
            elif known is not None and url not in known:
                err("sources", f"{label}: url '{url}' is not in resources/content/sources.yaml "
                    "(the list of confirmed pages)", line)
            if unconfirmed:
                err("sources", f"{label} is marked unconfirmed but has a url", line)
        checked = item.get("checked")
        checked_date = _as_date(checked) if checked is not None else None
        if checked is not None and checked_date is None:
            err("sources", f"{label}: checked '{checked}' is not a date (YYYY-MM-DD)", line)
        if url is not None and checked is None:
            err("sources", f"{label} has no 'checked' date", line)
        if _is_text(title) and _is_text(publisher):
            out.append(Source(title=title.strip(), publisher=publisher.strip(), url=url, checked=checked_date))
    if isinstance(value, list) and value and not any(s.url for s in out):
        err("sources", "needs at least one source with a url from resources/content/sources.yaml",
            fm.line_of("sources"))
    return out


def _read_faqs(data: dict[str, Any], fm: frontmatter.FrontMatter, err: Any, min_faqs: int = MIN_FAQS) -> list[Faq]:
    value = data.get("faqs")
    if value is None:
        return []
    if not isinstance(value, list):
        err("faqs", f"must be a list, not {_type_name(value)}", fm.line_of("faqs"))
        return []
    out: list[Faq] = []
    for i, item in enumerate(value):
        line = fm.line_of("faqs", i)
        if not isinstance(item, dict):
            err("faqs", f"FAQ {i + 1} must have 'q' (question) and 'a' (answer)", line)
            continue
        for k in item:
            if k not in FAQ_KEYS:
                err("faqs", f"FAQ {i + 1}: '{k}' is not a known field (use q and a)", line)
        q, a = item.get("q"), item.get("a")
        if not _is_text(q):
            err("faqs", f"FAQ {i + 1} has no question (q)", line)
        elif not str(q).strip().endswith("?"):
            err("faqs", f"FAQ {i + 1}: the question should end with '?'", line)
        if not _is_text(a):
            err("faqs", f"FAQ {i + 1} has no answer (a)", line)
        if _is_text(q) and _is_text(a):
            out.append(Faq(question=q.strip(), answer=a.strip()))
    if len(value) < min_faqs:
        err("faqs", f"has {len(value)} FAQs; at least {min_faqs} are needed", fm.line_of("faqs"))
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, _dt.date):
        return "a date"
    return type(value).__name__


def _closest(word: str, choices: Iterable[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


# --------------------------------------------------------------------------- the whole glossary


def incoming_links(terms: dict[str, Term]) -> dict[str, list[str]]:
    """slug -> the slugs of the terms that list it as related (sorted by title)."""
    out: dict[str, list[str]] = {s: [] for s in terms}
    for slug, t in sorted(terms.items(), key=lambda kv: kv[1].title.casefold()):
        for r in t.related:
            if r in out and slug not in out[r]:
                out[r].append(slug)
    return out


def _check_map(parsed: dict[str, _Parsed], file_problems: dict[Path, list[Problem]]) -> None:
    """Related links form one connected map, and are two-way unless they point to a hub."""
    related = {slug: [r for r in p.term.related if r in parsed] for slug, p in parsed.items()}
    incoming: dict[str, list[str]] = {slug: [] for slug in parsed}
    for slug, rel in related.items():
        for r in rel:
            incoming[r].append(slug)
    for target, sources in incoming.items():
        if len(sources) >= HUB_MIN_INCOMING:
            continue  # a hub: one-way links to it are expected
        path = parsed[target].term.path
        assert path is not None
        for src in sources:
            if src not in related[target]:
                file_problems[path].append(Problem(
                    path, "related", f"'{src}' lists this term as related but this term does not list '{src}' "
                    f"back; related links are two-way unless they point to a hub (a term that at least "
                    f"{HUB_MIN_INCOMING} terms link to)", parsed[target].related_line, skips=False))
    if not parsed:
        return
    start = min(parsed)
    for direction, graph in (("from", related), ("to", incoming)):
        seen = {start}
        stack = [start]
        while stack:
            for nxt in graph[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        for slug in sorted(set(parsed) - seen):
            path = parsed[slug].term.path
            assert path is not None
            where = f"'{start}' cannot reach it" if direction == "from" else f"it cannot reach '{start}'"
            file_problems[path].append(Problem(
                path, "related", f"this term is cut off from the map of related links ({where}); link it to "
                "and from a closely related term", parsed[slug].related_line, skips=False))


def _term_files(folder: Path, problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(folder, "folder", f"cannot be read: {exc.strerror or exc}"))
        return files
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:  # e.g. a symlink loop
            problems.append(Problem(p, "file", f"cannot be read: {exc.strerror or exc}"))
            continue
        if is_dir:
            continue
        if not entry.name.endswith(".md"):
            problems.append(Problem(p, "file", "is not a term file (term files end in .md)"))
            continue
        if not is_file:
            problems.append(Problem(p, "file", "is not a regular file (a broken link or a link loop?)"))
            continue
        files.append(p)
    return files


def load_glossary(
    terms_dir: Path | None = None,
    *,
    categories: list[Category] | None = None,
    known_sources: dict[str, dict[str, str]] | None = None,
    launch_list: dict[str, tuple[str, str]] | None = None,
    today: _dt.date | None = None,
    use_cache: bool = True,
) -> Glossary:
    """Load every term file, validate it, and cross-check the terms against each other.

    Never raises for damaged content: a missing or damaged categories.yaml gives the built-in categories,
    a missing or damaged source list skips the URL check; each is a problem naming the file (``check``
    fails) and a line in :attr:`Glossary.file_notices` (the window says what is wrong)."""
    terms_dir = terms_dir or paths.terms_dir()
    problems: list[Problem] = []
    file_notices: list[str] = []
    if categories is None:
        categories, cat_problem = categories_or_fallback(use_cache=use_cache)
        if cat_problem:
            where, _, message = cat_problem.partition(": ")
            line = None
            if where.rsplit(":", 1)[-1].isdigit():
                where, line_text = where.rsplit(":", 1)
                line = int(line_text)
            problems.append(Problem(categories_path(), "categories", message, line))
            file_notices.append(f"{categories_path()} could not be used ({message}); the built-in list of "
                                "categories is shown.")
    if known_sources is None:
        known_sources, source_problems = read_known_sources()
        problems.extend(source_problems)
        for p in source_problems:
            file_notices.append(f"{p.path} could not be used ({p.message}); sources are shown but not checked "
                                "against the confirmed list.")
    launch_list = launch_list or {}  # slugs planned but not written yet (a caller's list; no file since launch)
    parsed: dict[str, _Parsed] = {}
    file_problems: dict[Path, list[Problem]] = {}
    files = _term_files(terms_dir, problems)
    for path in files:
        _, probs, p = read_term_file(path, categories, known_sources, today)
        file_problems[path] = list(probs)
        if p is not None:
            if p.term.slug in parsed:
                other = parsed[p.term.slug].term.path
                file_problems[path].append(Problem(path, "slug", f"'{p.term.slug}' is also used by {other}"))
            else:
                parsed[p.term.slug] = p

    # Names: an alias must not be another term's title; an alias shared by two terms must be listed by both
    # (it is then genuinely ambiguous, and search shows both).
    titles = {p.term.title.casefold(): slug for slug, p in parsed.items() if p.term.title}
    # A lay word that is another term's title would pull searches for that title away from it. (A lay word
    # may be another term's alias: "learning disability" means one thing in the UK and another in the US;
    # the alias, a name, outranks the lay word in search.)
    for slug, p in parsed.items():
        for fld, names, why in (("aliases", (*p.term.aliases, *p.term.brand_examples), "it cannot be an alias here"),
                                ("lay_terms", p.term.lay_terms, "searches for it belong there")):
            for name in names:
                owner = titles.get(name.casefold())
                if owner and owner != slug:
                    file_problems[p.term.path].append(  # type: ignore[index]
                        Problem(p.term.path, fld,  # type: ignore[arg-type]
                                f"'{name}' is the title of another term ({owner}); {why}", p.alias_line))

    # A link to a term whose file exists but is invalid is not reported again here: the problem is in that
    # file, and the app shows such links as plain text while the term is skipped.
    all_slugs = set(parsed) | {p.stem for p in files}
    for slug, p in parsed.items():
        path = p.term.path
        assert path is not None
        for r, line in p.related_lines.items():
            if r == slug or r in all_slugs:
                continue
            if r in launch_list:
                file_problems[path].append(Problem(path, "related", f"'{r}' is on the launch list but not "
                                                   "written yet", line, pending=True))
            else:
                file_problems[path].append(Problem(path, "related", f"'{r}' is not a term", line, skips=False))
        for target, line in p.body_links:
            if target in all_slugs:
                continue
            if target in launch_list:
                file_problems[path].append(Problem(path, "body", f"link to '{target}' is on the launch list but "
                                                   "not written yet", line, pending=True))
            else:
                file_problems[path].append(Problem(path, "body", f"link to 'term:{target}' is not a term", line,
                                                   skips=False))

    launch_complete = all(slug in all_slugs for slug in launch_list)
    if launch_complete:
        # Only terms that are otherwise valid take part: one broken file must not cascade into others.
        valid = {slug: p for slug, p in parsed.items() if p.term.path is not None
                 and not any(q.skips and not q.pending for q in file_problems[p.term.path])}
        _check_map(valid, file_problems)

    terms: dict[str, Term] = {}
    skipped: dict[str, list[Problem]] = {}
    for path, probs in file_problems.items():
        problems.extend(probs)
        errors = [p for p in probs if not p.pending and p.skips]
        if errors:
            skipped[path.name] = errors
    for slug, p in parsed.items():
        if p.term.path is not None and p.term.path.name not in skipped:
            terms[slug] = p.term
    return Glossary(terms=terms, categories=categories, problems=problems, skipped=skipped,
                    file_notices=file_notices)
