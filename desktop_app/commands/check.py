"""``brain-glossary check``: validate every term file and the crisis data, report every problem.

Besides the loader's rules it checks the words (:mod:`desktop_app.content.quality`): region placeholders,
literal emergency numbers, and the readability of every ``plain`` summary, reported per category."""

from __future__ import annotations

import sys

from desktop_app.content import crisis
from desktop_app.content.loader import load_glossary


def run(quiet: bool = False) -> int:
    from desktop_app.content import quality

    glossary = load_glossary(use_cache=False)  # the real files, never the speed-up cache
    crisis_problems = crisis.validate_all()
    words = quality.check_glossary(glossary)
    errors = glossary.errors + words.errors
    if not quiet:
        for problem in glossary.problems:
            print(problem)
        for problem in words.errors:
            print(problem)
        for message in crisis_problems:
            print(f"error: crisis: {message}")
        for line in words.warnings:
            print(line)
        for line in words.readability_lines():
            print(line)
    else:
        for line in words.warnings:
            if not line.startswith("/"):  # the one-line summary warnings, not each term's
                print(line)
    n_errors = len(errors) + len(crisis_problems)
    n_terms = len(glossary.terms) + len(glossary.skipped)
    summary = f"{n_terms} terms, {n_errors} problem{'s' if n_errors != 1 else ''}"
    if glossary.pending:
        summary += f", {len(glossary.pending)} pending link{'s' if len(glossary.pending) != 1 else ''}"
    print(summary)
    if glossary.errors or crisis_problems:
        print(f"{len(glossary.skipped)} term file(s) are invalid and would be skipped by the app.", file=sys.stderr)
        kept = sum(1 for p in glossary.errors if not p.skips)
        if kept:
            print(f"{kept} problem(s) are links or map problems between terms: those terms are kept and the "
                  "links show as plain text.", file=sys.stderr)
    return 1 if n_errors else 0
