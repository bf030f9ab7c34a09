"""Crisis-safe search (issue #12): crisis language recognised, crisis terms first, never spell-corrected,
nonsense answered with nothing, and the quality bars of the project's own query sets (tests/search_eval/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.search import crisis_intent, english
from desktop_app.search.crisis_intent import detect, parse_lexicon

EVAL = Path(__file__).resolve().parents[2] / "search_eval"
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

CRISIS_PHRASES = [ln.strip() for ln in (EVAL / "crisis.txt").read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith("#")]

# Everyday and clinical queries that must NOT raise the crisis card.
NOT_CRISIS = [
    "cutting down on alcohol", "natural killer cells", "skills training", "dialectical behavior therapy",
    "panic attack", "sertraline", "kill bill", "die hard", "self esteem", "selfie", "life coaching",
    "end of life care", "pill organizer", "breathing exercises", "not sleeping", "wake up early",
    "killer whale", "diet pills", "helping others", "kills germs", "how to help a friend with depression",
    "hate the way my nose looks", "end things with my partner",
]


def test_lexicon_file_is_valid_and_every_entry_says_why() -> None:
    assert crisis_intent.validate() == []
    lex = crisis_intent.lexicon()
    assert len(lex.phrases) >= 100
    assert all(p.why.strip() for p in lex.phrases)
    assert {p.lang for p in lex.phrases} >= {"en", "es"}
    assert set(lex.kind_terms) >= {"suicide", "self_harm", "overdose", "danger"}


def test_at_least_60_crisis_phrasings_are_recognised() -> None:
    assert len(CRISIS_PHRASES) >= 60
    missed = [q for q in CRISIS_PHRASES if detect(q) is None]
    assert missed == []


@pytest.mark.parametrize("query", NOT_CRISIS)
def test_everyday_words_are_not_crisis_language(query: str) -> None:
    assert detect(query) is None


@pytest.mark.parametrize(("query", "kind"), [
    ("i want to kill myself", "suicide"), ("SUICIDAL", "suicide"), ("suicde", "suicide"), ("sucidal", "suicide"),
    ("kill my self", "suicide"), ("selfharm", "self_harm"), ("my daughter is cutting", "self_harm"),
    ("i took too many pills", "overdose"), ("overdoes", "overdose"), ("quiero morir", "suicide"),
    ("me quiero matar", "suicide"), ("want to f***ing die", "suicide"),
])
def test_detection_folds_case_typos_spaces_and_one_extra_word(query: str, kind: str) -> None:
    found = detect(query)
    assert found is not None and found.kind == kind


def test_a_veteran_gets_the_veterans_line_first_and_a_region_its_own_service() -> None:
    assert detect("i am a veteran and want to die").slugs[0] == "veterans-crisis-line"
    uk = detect("i want to die", region="UK").slugs
    assert uk[0] == "suicidal-ideation" and uk[1] == "samaritans"


def test_a_damaged_lexicon_names_the_file_and_entry(tmp_path: Path) -> None:
    with pytest.raises(crisis_intent.LexiconError, match="entry 1"):
        parse_lexicon({"kinds": {"suicide": ["x"]}, "entries": [{"phrase": "a", "kind": "nope", "why": "w"}]},
                      "x.yaml")
    with pytest.raises(crisis_intent.LexiconError, match="no 'why'"):
        parse_lexicon({"kinds": {"suicide": ["x"]}, "entries": [{"phrase": "a", "kind": "suicide"}]}, "x.yaml")
    bad = tmp_path / "intent.yaml"
    bad.write_text("kinds: [", encoding="utf-8")
    assert crisis_intent.validate(bad) and str(bad) in crisis_intent.validate(bad)[0]


def test_every_crisis_term_in_the_lexicon_exists(real_glossary) -> None:
    missing = sorted(crisis_intent.crisis_slugs() - set(real_glossary.terms))
    assert missing == []


@pytest.mark.parametrize("query", CRISIS_PHRASES)
def test_every_crisis_phrasing_puts_a_crisis_term_first(real_engine, query: str) -> None:
    res = real_engine.search(query, limit=5)
    assert res.crisis is not None
    assert res.hits and res.hits[0].slug in crisis_intent.crisis_slugs(), [h.slug for h in res.hits]
    assert res.did_you_mean is None  # never "corrected" into other words


def test_crisis_language_is_never_spell_corrected_and_ordinary_words_are_not_either(real_engine) -> None:
    res = real_engine.search("i want to kill myself")
    assert res.did_you_mean is None and res.hits[0].slug == "suicidal-ideation"
    assert "skill" not in " ".join(h.slug for h in res.hits[:3])
    assert english.is_word("kill") and english.is_word("keep")
    # A real misspelling of a glossary word is still corrected.
    assert real_engine.search("skizofrenia").hits[0].slug == "schizophrenia"


def test_suggestions_put_crisis_terms_first_but_a_named_term_before_them(real_engine) -> None:
    assert real_engine.suggest("i want to die")[0].slug == "suicidal-ideation"
    assert real_engine.suggest("Crisis line")[0].slug == "crisis-line"
    assert real_engine.search("988 Suicide & Crisis Lifeline").hits[0].slug == "988-lifeline"


@pytest.mark.parametrize("query", ["football scores tonight", "how to file my taxes", "the", "asdfghjkl",
                                   "recipe for chocolate cake", "the of and"])
def test_nonsense_gets_no_results(real_engine, query: str) -> None:
    assert real_engine.search(query).hits == []


def test_scores_are_calibrated_0_to_100_not_rescaled_per_query(real_engine) -> None:
    exact = real_engine.search("Serotonin").hits[0]
    weak = real_engine.search("keep washing my hands over and over").hits
    assert exact.score >= 95
    assert weak and 33 <= weak[0].score < 95  # a good text match, but not a name
    for q in ("panic", "adhd", "brain zaps", "heart racing and can't breathe"):
        scores = [h.score for h in real_engine.search(q).hits]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)


def test_query_sets_meet_the_bars(real_engine) -> None:
    """Top-1/top-3 per kind on the project's own sets (written before tuning); docs/search.md has the table."""
    from eval_search import evaluate

    report = evaluate(real_engine, crisis_intent.crisis_slugs())
    k = report["per_kind"]
    n = sum(v["n"] for v in k.values())
    top1 = sum(v["top1"] for v in k.values()) / n
    top3 = sum(v["top3"] for v in k.values()) / n
    fails = [f"{f['kind']}: {f['query']!r} -> {f['got']}" for f in report["failures"]]
    assert k["crisis"]["top1"] == k["crisis"]["n"], fails
    assert k["nonsense"]["top1"] == k["nonsense"]["n"], fails
    assert k["lay"]["top1"] / k["lay"]["n"] >= 0.90, fails
    assert top1 >= 0.93 and top3 >= 0.97, fails
