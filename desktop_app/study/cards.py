"""Study cards made from a term's content, never typed by hand. Qt-free.

Kinds of card (``StudyCard.kind``):

* ``definition``: the term -> its summary and plain-language summary;
* ``name``: an abbreviation (SSRI, PTSD) or a brand name (Prozac) -> the term;
* ``faq``: each FAQ's question -> its answer;
* ``isnt``: each "What it isn't" misconception -> why it is wrong;
* ``medicine``: for a medication, what kind of medicine it is and its main cautions.

Safe messaging: a term about suicide, self-harm, lethal means, overdose or a crisis service (see
:func:`is_safe_messaging`) is never turned into quiz cards about methods or risk numbers: it gets no FAQ
cards, no card whose text has a number or names a method, and every card it has carries the region's
crisis line (``StudyCard.crisis``).

Term text's region placeholders (``{{emergency}}``, ``{{crisis_line}}``) are filled in for the chosen region.

Each card has a stable ``card_id`` (slug, kind and a hash of the prompt's own words) and a ``guid`` derived
from it, so scheduling survives content edits to an answer and a second Anki export updates the same notes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.content import placeholders
from desktop_app.content.crisis import Region
from desktop_app.content.model import Term
from desktop_app.render.markdown import plain_text

KINDS = ("definition", "name", "faq", "isnt", "medicine")
KIND_LABELS = {"definition": "Definition", "name": "Name", "faq": "Question", "isnt": "What it isn't",
               "medicine": "Medicine"}
MEDICATIONS = "Medications"
SAFE_MESSAGING_SLUGS = frozenset({"suicidal-ideation", "self-harm", "lethal-means-safety", "overdose"})
_SAFE_WORDS = ("suicid", "self-harm", "self harm", "self-injur", "crisis", "overdose", "lethal means", "988")
# Text that could quiz a method or a risk number: any digit, a percentage, or a word about means.
_UNSAFE_RE = re.compile(
    r"\d|%|\bper ?cent\b|\bmethods?\b|\bfirearms?\b|\bguns?\b|\bpills?\b|\bhang(?:ing|ed)?\b|\bpoison|"
    r"\bjump|\bcutting\b|\bligatures?\b|\blethal dose|\bhow many\b|\btimes (?:more|as) likely\b",
    re.IGNORECASE)
_BOLD_LEAD_RE = re.compile(r"^\s*[-*]\s+\*\*(.+?)\*\*\s*(.*)$")
_ABBREV_RE = re.compile(r"^[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*$")  # SSRI, SSRIs, PTSD, CBT-I, NSSI
MAX_CAUTIONS = 6


@dataclass(frozen=True)
class StudyCard:
    card_id: str  # "ssris/faq/3f2a9c1b0d": stable while the prompt's words stay the same
    slug: str
    title: str  # the term's title
    category: str
    kind: str  # one of KINDS
    front: str  # plain text; blank lines separate paragraphs
    back: str
    crisis: str = ""  # the region's crisis line, on both sides (safe-messaging terms)

    @property
    def guid(self) -> str:
        """Anki's note GUID: a hash of the card id (same card, same GUID, in every export)."""
        digest = hashlib.sha256(("brain-body-glossary/" + self.card_id).encode("utf-8")).digest()
        return base64.urlsafe_b64encode(digest[:9]).decode("ascii")  # 12 characters, no comma or quote

    @property
    def link(self) -> str:
        return f"term:{self.slug}"


def _key(text: str) -> str:
    norm = " ".join(text.casefold().split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10]


def _plain(md: str) -> str:
    if "\n" not in md and not any(ch in md for ch in "*[#"):  # nothing to strip (most answers): skip the regexes
        return " ".join(md.split())
    return " ".join(plain_text(md).split())


def is_safe_messaging(term: Term) -> bool:
    """Suicide, self-harm, lethal means, overdose, or any crisis-related term (by slug, title or alias)."""
    if term.slug in SAFE_MESSAGING_SLUGS:
        return True
    names = " ".join((term.slug, term.title, *term.aliases)).casefold()
    return any(w in names for w in _SAFE_WORDS)


def crisis_line(region: Region) -> str:
    return region.panel_text


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(?:\s|$)", text.strip())
    return (m.group(1) if m else text).strip()


def _misconceptions(term: Term) -> list[tuple[str, str]]:
    """(lead-in, explanation) for each bold-led item of the "What it isn't" section."""
    section = term.section("what-it-isnt") or next(
        (s for s in term.sections if s.heading.casefold().startswith("what it isn")), None)
    if section is None:
        return []
    out = []
    for item in _list_items(section.body):
        m = _BOLD_LEAD_RE.match(item)
        if m:
            lead, rest = _plain(m.group(1)).strip(), _plain(m.group(2)).strip()
            rest = rest.lstrip(",;:–— ").strip()  # "**It isn't addictive**, although ..."
            if lead and rest:
                if lead[-1] not in ".!?:":
                    lead += "."
                out.append((lead.rstrip(":").rstrip(".") + ".", rest[0].upper() + rest[1:]))
    return out


def _list_items(body: str) -> list[str]:
    items: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if re.match(r"^\s{0,3}[-*]\s+", line):
            items.append(line.strip())
        elif items and line.startswith((" ", "\t")) and line.strip():
            items[-1] += " " + line.strip()
        elif not line.strip() and items and items[-1] != "":
            continue
    return items


def _cautions(term: Term) -> list[str]:
    section = next((s for s in term.sections if "caution" in s.heading.casefold()), None)
    if section is None:
        return []
    leads = []
    for item in _list_items(section.body):
        m = _BOLD_LEAD_RE.match(item)
        if m:
            lead = _plain(m.group(1)).rstrip(":.").strip()
            if lead and lead.casefold() not in (x.casefold() for x in leads):
                leads.append(lead)
    return leads[:MAX_CAUTIONS]


def _medicine_class(term: Term) -> str:
    section = next((s for s in term.sections if s.heading.casefold() == "what it is"), None)
    if section is None:
        return ""
    first_para = next((p for p in section.body.split("\n\n") if p.strip() and not p.lstrip().startswith(("-", "*"))),
                      "")
    return _first_sentence(_plain(first_para))


def _abbreviations(term: Term) -> list[str]:
    seen: set[str] = set()
    out = []
    for alias in term.aliases:
        if _ABBREV_RE.match(alias) and len(alias) <= 12:
            key = alias.casefold().rstrip("s")
            if key not in seen and alias.casefold() != term.title.casefold():
                seen.add(key)
                out.append(alias)
    return out


def cards_for_term(term: Term, region: Region) -> list[StudyCard]:
    """Every card the term's content makes, in a stable order."""
    safe = is_safe_messaging(term)
    crisis = crisis_line(region) if safe else ""
    cards: list[StudyCard] = []

    def add(kind: str, key: str, front: str, back: str, always: bool = False) -> None:
        # Checked before the region's numbers fill the placeholders: {{crisis_line}} is help, not a risk number.
        if safe and not always and (_UNSAFE_RE.search(front) or _UNSAFE_RE.search(back)):
            return
        front, back = placeholders.resolve(front, region), placeholders.resolve(back, region)
        cards.append(StudyCard(f"{term.slug}/{kind}/{key}" if key else f"{term.slug}/{kind}", term.slug, term.title,
                               term.category, kind, front, back, crisis))

    back = _plain(term.summary)
    if term.plain:
        back += "\n\nIn plain words: " + _plain(term.plain)
    add("definition", "", f"{term.title}\n\nWhat does this term mean?", back,
        always=True)  # the summary is reviewed for safe messaging; it is never a quiz about means
    for abbr in _abbreviations(term):
        add("name", _key(abbr), f"What does “{abbr}” stand for?", f"{term.title}.\n\n{_plain(term.summary)}")
    for brand in term.brand_examples:
        add("name", _key(brand), f"“{brand}” is a brand name of which medicine (or kind of medicine)?",
            f"{term.title}.\n\n{_plain(term.summary)}")
    if not safe:  # FAQs about suicide, self-harm or overdose are where specifics live: never quizzed
        for faq in term.faqs:
            add("faq", _key(faq.question), f"{term.title}: {_plain(faq.question)}", _plain(faq.answer))
    for lead, why in _misconceptions(term):
        add("isnt", _key(lead), f"{term.title}, what it isn't: “{lead}” Why?", why)
    if term.category == MEDICATIONS:
        kind_of = _medicine_class(term)
        cautions = _cautions(term)
        if kind_of or cautions:
            parts = [kind_of] if kind_of else []
            if cautions:
                parts.append("Main cautions: " + "; ".join(cautions) + ".")
            parts.append("Talk with a prescriber before starting, stopping or changing any medicine.")
            add("medicine", "", f"{term.title}: what kind of medicine is it, and what are its main cautions?",
                "\n\n".join(parts))
    return cards


def cards_for_terms(terms: Iterable[Term], region: Region) -> list[StudyCard]:
    out: list[StudyCard] = []
    seen: set[str] = set()
    for term in terms:
        for card in cards_for_term(term, region):
            if card.card_id not in seen:
                seen.add(card.card_id)
                out.append(card)
    return out
