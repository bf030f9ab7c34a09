"""The shipped glossary itself passes the checker, and its markup renders safely."""

from __future__ import annotations

import collections

from desktop_app.content.loader import load_glossary
from desktop_app.render.markdown import to_html


def test_shipped_content_is_the_complete_launch_glossary() -> None:
    g = load_glossary()
    assert [str(p) for p in g.problems] == []  # no errors and no pending links
    assert len(g.terms) == 157
    counts = collections.Counter(t.category for t in g.terms.values())
    assert counts == {"Brain and Body": 30, "Conditions": 35, "Symptoms and Experiences": 25, "Therapies": 26,
                      "Medications": 19, "Care and Support": 22}
    for t in g.terms.values():
        assert 450 <= t.word_count() <= 900, (t.slug, t.word_count())
        assert len(t.faqs) >= 3 and any(s.url for s in t.sources)


def test_neuroplasticity_keeps_the_sample_aliases_and_sources() -> None:
    t = load_glossary().terms["neuroplasticity"]
    assert {"brain plasticity", "neural plasticity"} <= set(t.aliases)
    pubs = {(s.title, s.publisher) for s in t.sources}
    assert ("Brain Basics", "National Institute of Mental Health (NIMH)") in pubs
    assert ("Brain Health Information", "National Institute of Neurological Disorders and Stroke (NINDS)") in pubs


def test_every_section_renders_without_raw_markup() -> None:
    for term in load_glossary().terms.values():
        for s in term.sections:
            html = to_html(s.body)
            assert "<script" not in html.lower()
            assert "](" not in html, f"{term.slug}: unrendered link in '{s.heading}'"
