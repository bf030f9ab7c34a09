"""Each matching rule of the search, on the real glossary (terms not written yet are skipped)."""

from __future__ import annotations

import re

import pytest

from desktop_app.search.analysis import analyze, fold
from desktop_app.search.documents import passages
from desktop_app.search.engine import SearchEngine


def term_stems(glossary, slug: str) -> set[str]:  # type: ignore[no-untyped-def]
    t = glossary.terms[slug]
    text = " ".join([*t.all_names, *(p.text for p in passages(t))])
    return set(analyze(text))


# ------------------------------------------------------------------------------------- exact first


def test_every_title_finds_its_term_first(real_glossary, real_engine: SearchEngine) -> None:
    assert len(real_glossary.terms) >= 1
    for slug, term in real_glossary.terms.items():
        res = real_engine.search(term.title, limit=3)
        assert res.hits and res.hits[0].slug == slug, (term.title, [h.slug for h in res.hits])
        assert res.hits[0].matched_alias is None
        assert res.did_you_mean is None


def test_every_title_in_other_case_and_accents_finds_its_term_first(real_glossary, real_engine) -> None:
    for slug, term in real_glossary.terms.items():
        res = real_engine.search(f"  {term.title.upper()}  ", limit=1)
        assert res.hits[0].slug == slug, term.title


def test_every_alias_and_brand_name_finds_its_term_first_and_says_which_matched(real_glossary, real_engine) -> None:
    owners: dict[str, set[str]] = {}
    for slug, term in real_glossary.terms.items():
        for name in (*term.aliases, *term.brand_examples):
            owners.setdefault(fold(name), set()).add(slug)
    checked = 0
    for slug, term in real_glossary.terms.items():
        for name in (*term.aliases, *term.brand_examples):
            shared = owners[fold(name)]
            res = real_engine.search(name, limit=len(shared) + 1)
            top = {h.slug for h in res.hits[: len(shared)]}
            assert top == shared, (name, [h.slug for h in res.hits])
            hit = next(h for h in res.hits if h.slug == slug)
            if fold(name) == fold(term.title):  # the same as the title but for punctuation: the title matched
                assert hit.matched_alias is None
            else:
                assert hit.matched_alias is not None and fold(hit.matched_alias) == fold(name)
            checked += 1
    assert checked > 0


def test_exact_match_outranks_terms_that_mention_it_more(real_engine, need) -> None:
    need("neuroplasticity")
    res = real_engine.search("neuroplasticity")
    assert res.hits[0].slug == "neuroplasticity"
    assert res.hits[0].score > 2 * res.hits[1].score if len(res.hits) > 1 else True


def test_alias_reports_the_alias_that_matched(real_engine, need) -> None:
    need("neuroplasticity")
    hit = real_engine.search("Brain plasticity").hits[0]
    assert (hit.slug, hit.matched_alias) == ("neuroplasticity", "brain plasticity")


@pytest.mark.parametrize(("query", "slug"), [
    ("PTSD", "ptsd"), ("ocd", "ocd"), ("ADHD", "adhd"), ("CBT", "cbt"), ("SSRI", "ssris"),
    ("selective serotonin reuptake inhibitor", "ssris"), ("cognitive behavioural therapy", "cbt"),
])
def test_abbreviations_and_expansions(real_engine, need, query: str, slug: str) -> None:
    need(slug)
    hit = real_engine.search(query).hits[0]
    assert hit.slug == slug
    assert hit.matched_alias is not None or fold(hit.title) == fold(query)


@pytest.mark.parametrize("brand", ["Prozac", "zoloft", "LEXAPRO"])
def test_brand_names_resolve_to_their_medication_class(real_glossary, real_engine, need, brand: str) -> None:
    need("ssris")
    owners = {t.slug for t in real_glossary.terms.values() if fold(brand) in map(fold, t.brand_examples)}
    hits = real_engine.search(brand).hits
    assert "ssris" in owners
    assert {h.slug for h in hits[: len(owners)]} == owners  # a brand listed by several classes shows them all
    for h in hits[: len(owners)]:
        assert fold(h.matched_alias or "") == fold(brand)


# ------------------------------------------------------------------------------------- words


@pytest.mark.parametrize(("query", "slug"), [
    ("panic attacks", "panic-attack"), ("ruminating", "rumination"), ("Intrusive thought", "intrusive-thoughts"),
    ("hallucination", "hallucinations"), ("delusion", "delusions"),
])
def test_stemming_finds_the_term_from_another_inflection(real_engine, need, query: str, slug: str) -> None:
    need(slug)
    assert real_engine.search(query).hits[0].slug == slug


@pytest.mark.parametrize(("typo", "slug", "word"), [
    ("neuroplastisity", "neuroplasticity", "neuroplasticity"),
    ("schizophernia", "schizophrenia", "schizophrenia"),
    ("dopamene", "dopamine", "dopamine"),
    ("hipocampus", "hippocampus", "hippocampus"),
    # Spelled by ear (too far apart for plain edit distance): compared by how they sound.
    ("skizofrenia", "schizophrenia", "schizophrenia"),
    ("sykosis", "psychosis", "psychosis"),
    ("amigdala", "amygdala", "amygdala"),
])
def test_typos_find_the_term_and_offer_did_you_mean(real_engine, need, typo: str, slug: str, word: str) -> None:
    need(slug)
    res = real_engine.search(typo)
    assert res.hits and res.hits[0].slug == slug
    assert res.did_you_mean is not None and word in res.did_you_mean


@pytest.mark.parametrize("query", ["neuroplasticity in adults", "why cant i sleep", "what's ADHD", "don't panic"])
def test_no_did_you_mean_for_correct_words(real_engine, query: str) -> None:
    assert real_engine.search(query).did_you_mean is None


def test_typo_inside_a_longer_query_is_corrected(real_engine, need) -> None:
    need("neuroplasticity")
    res = real_engine.search("brain plastisity")
    assert res.did_you_mean == "brain plasticity"
    assert res.hits[0].slug == "neuroplasticity"


@pytest.mark.parametrize(("question", "slug"), [
    ("can adults rewire their brains", "neuroplasticity"),
    ("Can adults really rewire their brains?", "neuroplasticity"),
    ("what is the fight or flight response", "fight-or-flight-response"),
    ("why do I keep overthinking everything", "rumination"),
    ("how do antidepressants work", "antidepressants"),
    ("is it normal to hear voices", "hallucinations"),
    ("what does the amygdala do", "amygdala"),
    ("why cant i sleep", "sleep"),
])
def test_natural_questions_find_the_meaning(real_engine, need, question: str, slug: str) -> None:
    need(slug)
    hits = real_engine.search(question, limit=3).hits
    assert hits[0].slug == slug, [h.slug for h in hits]


def test_question_hit_points_at_the_matching_section(real_glossary, real_engine, need) -> None:
    need("neuroplasticity")
    hit = real_engine.search("can adults rewire their brains").hits[0]
    term = real_glossary.terms["neuroplasticity"]
    anchors = {s.anchor for s in term.sections} | {f"faq-{i}" for i in range(1, len(term.faqs) + 1)}
    assert hit.section in anchors
    assert "<b>rewire</b>" in hit.snippet


def test_quoted_phrase_requires_the_words_together(real_glossary, real_engine, need) -> None:
    need("fight-or-flight-response")
    res = real_engine.search('"fight or flight"', limit=50)
    assert res.hits[0].slug == "fight-or-flight-response"
    pattern = re.compile(r"fight\W+(?:or\W+)?flight", re.IGNORECASE)
    for h in res.hits:
        t = real_glossary.terms[h.slug]
        text = " ".join([*t.all_names, *(p.text for p in passages(t))])
        assert pattern.search(text), h.slug


def test_phrase_is_stricter_than_the_same_words(real_engine, need) -> None:
    need("panic-attack")
    loose = real_engine.search("attack panic", limit=100).total
    strict = real_engine.search('"attack panic"', limit=100).total
    assert strict < loose


def test_minus_word_excludes_terms_containing_it(real_glossary, real_engine, need) -> None:
    need("cortisol")
    before = real_engine.search("stress", limit=100)
    after = real_engine.search("stress -cortisol", limit=100)
    assert "cortisol" in {h.slug for h in before.hits}
    assert after.hits
    for h in after.hits:
        assert "cortisol" not in term_stems(real_glossary, h.slug), h.slug


@pytest.mark.parametrize("how", ["parameter", "syntax", "syntax-name", "syntax-prefix"])
def test_category_filter(real_glossary, real_engine, how: str) -> None:
    query, kwargs = {
        "parameter": ("sleep", {"category": "Therapies"}),
        "syntax": ("sleep category:therapies", {}),
        "syntax-name": ('category:"Therapies" sleep', {}),
        "syntax-prefix": ("sleep category:therap", {}),
    }[how]
    if not any(t.category == "Therapies" for t in real_glossary.terms.values()):
        pytest.skip("no therapy terms yet")
    res = real_engine.search(query, limit=50, **kwargs)
    assert res.hits
    assert {h.category for h in res.hits} == {"Therapies"}


def test_unknown_category_parameter_gives_no_hits(real_engine) -> None:
    assert real_engine.search("sleep", category="no such category").hits == []


def test_unknown_category_syntax_is_plain_words(real_engine, need) -> None:
    need("sleep")
    assert real_engine.search("category:sleep").hits[0].slug == "sleep"


def test_results_carry_every_field(real_glossary, real_engine) -> None:
    res = real_engine.search("brain", limit=10)
    assert res.total >= len(res.hits) > 0
    scores = [h.score for h in res.hits]
    assert scores == sorted(scores, reverse=True)
    for h in res.hits:
        term = real_glossary.terms[h.slug]
        assert (h.title, h.category) == (term.title, term.category)
        assert "<b>" in h.snippet


# ------------------------------------------------------------------------------------- suggestions


def test_suggestions_at_every_keystroke(real_engine, need) -> None:
    need("neuroplasticity")
    word = "neuroplasticity"
    for n in range(4, len(word) + 1):
        slugs = [s.slug for s in real_engine.suggest(word[:n])]
        assert "neuroplasticity" in slugs, word[:n]
    assert real_engine.suggest(word)[0].slug == "neuroplasticity"


def test_suggestions_rank_exact_then_prefix_and_report_aliases(real_glossary, real_engine) -> None:
    for slug, term in list(real_glossary.terms.items())[:60]:
        sug = real_engine.suggest(term.title)
        assert sug[0].slug == slug and sug[0].matched_alias is None
    for term in list(real_glossary.terms.values())[:60]:
        for alias in term.aliases[:1]:
            sug = real_engine.suggest(alias)
            assert any(s.slug == term.slug and s.matched_alias == alias for s in sug), alias


def test_suggestions_tolerate_typos(real_engine, need) -> None:
    need("schizophrenia")
    assert real_engine.suggest("schizopher")[0].slug == "schizophrenia"
    assert real_engine.suggest("skizophrenia")[0].slug == "schizophrenia"


def test_suggestion_limit(real_engine) -> None:
    assert len(real_engine.suggest("s", limit=3)) <= 3
    assert real_engine.suggest("") == []


def test_sound_key() -> None:
    from desktop_app.search.fuzzy import sound_key

    assert sound_key("schizophrenia") == sound_key("skizofrenia") == "skisofrenia"
    assert sound_key("dissociation") == sound_key("disociation")
    assert sound_key("phobia") == sound_key("fobia")
    assert sound_key("mania") != sound_key("mood")
