"""The shipped glossary itself passes the checker, and its markup renders safely."""

from __future__ import annotations

from desktop_app.content.loader import load_glossary, load_launch_list
from desktop_app.render.markdown import to_html


def test_shipped_content_has_no_errors() -> None:
    g = load_glossary()
    assert [str(p) for p in g.errors] == []
    assert len(g.terms) >= 1
    launch = load_launch_list()
    for slug, term in g.terms.items():
        if launch:
            assert slug in launch, f"{slug} is not on the launch list"
            assert term.category == launch[slug][1]


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
