"""Checks of the words themselves, for ``brain-glossary check``. Qt-free.

* Region placeholders: an unknown ``{{...}}`` is an error; so is a literal emergency or crisis number in
  the text of an entry (summary, ``plain``, body, FAQs) that is not about one specific service
  (:data:`placeholders.SERVICE_ENTRIES`).
* The ``plain`` layer: each is measured with textstat's Flesch-Kincaid grade (after the placeholders are
  filled in for the default region). A ``plain`` above grade 8 is an error, and so is a glossary median
  above 7. A term without ``plain`` is reported on one warning line while fewer than 95% of the terms have
  one (the layer is being written), and is an error for each term from then on.

textstat is imported here, lazily, and only ``check`` imports this module: it never loads before the app's
first paint. It is pinned to 0.7.3, which needs only pyphen; 0.7.10 and later look words up in NLTK's
cmudict, which they download at run time, and that fails offline.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.content import crisis, placeholders
from desktop_app.content.loader import Glossary, Problem
from desktop_app.content.model import Term

MAX_PLAIN_GRADE = 8.0
MAX_MEDIAN_GRADE = 7.0
PLAIN_REQUIRED_SHARE = 0.95  # from this share of terms with a plain, a missing one is an error
PLAIN_SENTENCES = (3, 6)
_SENTENCE_RE = re.compile(r"[.!?]+[\"'”’)]?(?=\s+|$)")


@dataclass
class QualityReport:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    grades: dict[str, float] = field(default_factory=dict)  # slug -> grade of its plain
    categories: dict[str, list[float]] = field(default_factory=dict)  # category -> grades
    missing_plain: list[str] = field(default_factory=list)
    terms: int = 0

    @property
    def median(self) -> float | None:
        return statistics.median(self.grades.values()) if self.grades else None

    def readability_lines(self) -> list[str]:
        if not self.grades:
            return ["readability: no term has a plain summary yet"]
        have = len(self.grades)
        lines = [f"readability of plain (Flesch-Kincaid grade, textstat): median {self.median:.1f}, "
                 f"max {max(self.grades.values()):.1f} over {have} of {self.terms} terms "
                 f"(limit {MAX_PLAIN_GRADE:g} each, median {MAX_MEDIAN_GRADE:g})"]
        for category, grades in self.categories.items():
            if grades:
                lines.append(f"  {category}: median {statistics.median(grades):.1f}, max {max(grades):.1f} "
                             f"({len(grades)} terms)")
        return lines


def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text`` (textstat 0.7.3)."""
    import textstat  # lazily: only check needs it

    return float(textstat.flesch_kincaid_grade(text))


def sentence_count(text: str) -> int:
    return len(_SENTENCE_RE.findall(text.strip()))


def _line_of(path: Path | None, needle: str, start_key: str | None = None) -> int | None:
    """The first line of the file holding ``needle`` (after the line starting ``start_key:`` if given)."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    begin = 0
    if start_key:
        for i, line in enumerate(lines):
            if line.startswith(f"{start_key}:"):
                begin = i
                break
    for i in range(begin, len(lines)):
        if needle and needle in lines[i] and not re.match(r"\s*(-\s+)?(url|title|publisher):", lines[i]):
            return i + 1
    return begin + 1 if start_key else None


def _texts(term: Term) -> Iterable[tuple[str, str]]:
    """(field, text) of everything a reader sees as prose."""
    yield "summary", term.summary
    if term.plain:
        yield "plain", term.plain
    for s in term.sections:
        yield "body", s.body
    for f in term.faqs:
        yield "faqs", f.question
        yield "faqs", f.answer


def check_glossary(glossary: Glossary, region: crisis.Region | None = None) -> QualityReport:
    region = region or crisis.get_region(None)
    report = QualityReport(terms=len(glossary.terms))
    report.categories = {c.name: [] for c in glossary.categories}

    def err(term: Term, fld: str, message: str, needle: str = "", key: str | None = None) -> None:
        path = term.path or Path(f"{term.slug}.md")
        report.errors.append(Problem(path, fld, message, _line_of(term.path, needle, key)))

    for term in sorted(glossary.terms.values(), key=lambda t: t.slug):
        for fld, text in _texts(term):
            for bad in placeholders.unknown_placeholders(text):
                err(term, fld, f"'{bad}' is not a placeholder; use {{{{emergency}}}} or {{{{crisis_line}}}}", bad)
            if term.slug not in placeholders.SERVICE_ENTRIES:
                for number in dict.fromkeys(placeholders.literal_numbers(text)):
                    err(term, fld, f"writes the number '{number}' itself; write {{{{emergency}}}} or "
                        "{{crisis_line}} so that the reader's region decides it (only entries about one "
                        "service may name its number)", number)
        if not term.plain:
            report.missing_plain.append(term.slug)
            continue
        g = grade(placeholders.resolve(term.plain, region))
        report.grades[term.slug] = g
        report.categories.setdefault(term.category, []).append(g)
        if g > MAX_PLAIN_GRADE:
            err(term, "plain", f"reads at grade {g:.1f} (Flesch-Kincaid); write it at grade "
                f"{MAX_PLAIN_GRADE:g} or below: shorter sentences, everyday words", key="plain")
        n = sentence_count(term.plain)
        if not PLAIN_SENTENCES[0] <= n <= PLAIN_SENTENCES[1]:
            report.warnings.append(f"{term.path}: warning: plain: has {n} sentences; write "
                                   f"{PLAIN_SENTENCES[0]} to {PLAIN_SENTENCES[1]} short ones")

    total = len(glossary.terms)
    have = total - len(report.missing_plain)
    if report.missing_plain:
        if total and have / total >= PLAIN_REQUIRED_SHARE:
            for slug in report.missing_plain:
                term = glossary.terms[slug]
                err(term, "plain", "is missing: every term has a plain summary for patients and families "
                    "(3-6 short sentences, grade 8 or below)", key="summary")
        else:
            report.warnings.append(
                f"warning: plain: {len(report.missing_plain)} of {total} terms have no plain summary yet "
                f"(an error for each once {PLAIN_REQUIRED_SHARE:.0%} of terms have one)")
    median = report.median
    if median is not None and median > MAX_MEDIAN_GRADE and len(report.grades) >= 10:
        report.errors.append(Problem(Path("resources/content/terms"), "plain",
                                     f"the median grade of plain summaries is {median:.1f}; "
                                     f"keep it at {MAX_MEDIAN_GRADE:g} or below"))
    return report
