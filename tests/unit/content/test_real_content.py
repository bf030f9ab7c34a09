"""The shipped glossary itself passes the checker, and its markup renders safely."""

from __future__ import annotations

import collections
from pathlib import Path

from desktop_app.content.loader import load_glossary
from desktop_app.render.markdown import to_html

TERM_LISTS = Path(__file__).resolve().parents[3] / "resources" / "content" / "term-list"


def planned_terms() -> dict[str, tuple[str, str, str]]:
    """slug -> (title, tier, category) from every term list (launch.tsv: the 157 launch terms; one file per
    group of the expansion, written before the entries)."""
    out: dict[str, tuple[str, str, str]] = {}
    for path in sorted(TERM_LISTS.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t")[:4] == ["slug", "title", "tier", "category"], path
        for line in lines[1:]:
            if line.strip():
                slug, title, tier, category, *_ = line.split("\t")
                assert slug not in out, f"{slug} is listed twice ({path.name})"
                out[slug] = (title, tier, category)
    return out


def test_shipped_content_is_the_whole_planned_glossary() -> None:
    g = load_glossary()
    assert [str(p) for p in g.problems] == []  # no errors and no pending links
    plan = planned_terms()
    assert len(g.terms) >= 400
    assert set(g.terms) == set(plan), (sorted(set(plan) - set(g.terms)), sorted(set(g.terms) - set(plan)))
    counts = collections.Counter(t.category for t in g.terms.values())
    assert min(counts.values()) >= 30, counts
    for t in g.terms.values():
        _title, tier, category = plan[t.slug]
        assert (t.tier, t.category) == (tier, category), t.slug
        assert t.plain, t.slug
        assert any(s.url for s in t.sources), t.slug
        if t.tier == "full":
            assert 450 <= t.word_count() <= 900, (t.slug, t.word_count())
            assert len(t.faqs) >= 3, t.slug
        else:
            assert 160 <= t.word_count() <= 420, (t.slug, t.word_count())
            assert len(t.faqs) >= 1, t.slug
            assert [s.heading for s in t.sections] == ["What it is", "Key facts", "What it isn't",
                                                        "When it matters"], t.slug


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
