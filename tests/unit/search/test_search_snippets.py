"""Snippets, highlighting and the small pure converters, on a made-up glossary."""

from __future__ import annotations

import pytest

from desktop_app.search.documents import plain_text
from desktop_app.search.engine import SearchEngine
from desktop_app.search.snippets import SNIPPET_CHARS, Highlighter, TermText, make_snippet


@pytest.fixture
def engine(small_glossary):  # type: ignore[no-untyped-def]
    engine, _status = SearchEngine.open_or_build(small_glossary)
    yield engine
    engine.close()


def test_snippet_escapes_text_and_marks_only_matched_words(engine: SearchEngine) -> None:
    hit = engine.search("closed eyes").hits[0]
    assert hit.slug == "alpha-wave"
    assert "<b>closed</b>" in hit.snippet and "<b>eyes</b>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "&amp; more" in hit.snippet
    assert hit.snippet.replace("<b>", "").replace("</b>", "").count("<") == 0
    assert hit.section == "what-it-is" and hit.section_heading == "What it is"


def test_accents_are_folded_both_ways(engine: SearchEngine) -> None:
    hit = engine.search("cafe resume").hits[0]
    assert hit.slug == "daydreaming"
    assert "<b>Café</b>" in hit.snippet and "<b>résumé</b>" in hit.snippet
    assert engine.search("naïve").hits[0].slug == "daydreaming"


def test_inflections_are_highlighted(engine: SearchEngine) -> None:
    hit = engine.search("breathe").hits[0]
    assert hit.slug == "calm-breathing"
    assert "<b>breathing</b>" in hit.snippet.lower()


def test_name_hit_opens_at_the_top_with_its_definition(engine: SearchEngine) -> None:
    hit = engine.search("Inderal").hits[0]
    assert (hit.slug, hit.matched_alias, hit.section) == ("beta-blocker", "Inderal", None)
    assert hit.snippet.startswith("Beta blocker is a made-up test term")


def test_long_passages_are_cut_to_a_window_around_the_match() -> None:
    from desktop_app.search.documents import Passage

    text = "filler words here. " * 40 + "the needle is here. " + "more filler. " * 40
    tt = TermText.of([Passage(None, None, "summary"), Passage("s", "S", text)])
    snip = make_snippet(tt, Highlighter.for_words(["needle"]))
    assert "<b>needle</b>" in snip.html
    assert snip.html.startswith("…") and snip.html.endswith("…")
    assert len(snip.html) < SNIPPET_CHARS + 20
    assert snip.passage.section == "s"


def test_engine_snippet_on_demand(engine: SearchEngine) -> None:
    assert "<b>panic</b>" in engine.snippet("calm-breathing", "panic")
    assert engine.snippet("no-such-term", "x") == ""


def test_plain_text_strips_the_markdown_subset() -> None:
    md = "### Sub\n\n- **Bold** and *it* with a [link](term:neuron).\n1. One\n\n\nTwo"
    assert plain_text(md) == "Sub Bold and it with a link. One. Two"


def test_list_items_do_not_run_together_in_snippets() -> None:
    md = "Common signs:\n\n- dizziness\n- stomach problems, headaches\n- trouble sleeping?\n\nPeople with GAD worry."
    assert plain_text(md) == ("Common signs: dizziness. stomach problems, headaches. trouble sleeping? "
                              "People with GAD worry.")


def test_category_resolution(engine: SearchEngine) -> None:
    assert engine.category_id("Therapies") == "therapies"
    assert engine.category_id("brain and body") == "brain-and-body"
    assert engine.category_id("med") == "medications"
    assert engine.category_id("c") is None  # conditions / care-and-support: ambiguous
    assert engine.search("breathing", category="medications").hits == []
    assert engine.search("breathing", category="therapies").hits[0].slug == "calm-breathing"


def test_only_words_excluded_leaves_nothing(engine: SearchEngine) -> None:
    assert engine.search("-panic").hits == []
