"""The content validator: every rule, each with a message naming the file and field."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from desktop_app.content.loader import (
    Glossary,
    anchor_for,
    is_one_sentence,
    load_categories,
    load_glossary,
    split_sections,
)

URL = "https://www.ninds.nih.gov/health-information/public-education/brain-basics/brain-basics-life-and-death-neuron"
KNOWN = {URL: {"title": "Brain Basics", "publisher": "NINDS", "url": URL}}
BODY_WORDS = " ".join(["word"] * 140)


def term_text(slug: str, title: str, related: list[str], over: dict[str, str] | None = None) -> str:
    over = dict(over or {})
    fields = {
        "slug": slug,
        "title": title,
        "aliases": f"\n  - {title} alias",
        "category": "Brain and Body",
        "summary": f"{title} is a test term used to check the validator.",
        "related": "".join(f"\n  - {r}" for r in related),
        "sources": textwrap.indent(
            f"\n- title: Brain Basics\n  publisher: NINDS\n  url: {URL}\n  checked: 2026-01-01", "  "
        ),
        "reviewed": "2026-01-02",
        "faqs": "".join(f"\n  - q: Question {i}?\n    a: Answer {i}." for i in range(3)),
    }
    body_override = over.pop("__body__", None)
    fields.update(over)
    front = "\n".join(f"{k}: {v}" for k, v in fields.items() if v != "<omit>")
    body = body_override or (
        f"## What it actually is\n\n{BODY_WORDS}\n\n## How it works\n\n{BODY_WORDS}\n\n"
        f"## What it isn't\n\n{BODY_WORDS}\n\n## Why it matters\n\nSee [a](term:{related[0]}).\n"
    )
    return f"---\n{front}\n---\n\n{body}"


SLUGS = ["alpha", "beta", "delta", "gamma"]


def write_set(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for s in SLUGS:
        others = [o for o in SLUGS if o != s]
        (folder / f"{s}.md").write_text(term_text(s, s.capitalize(), others), encoding="utf-8")


def load(folder: Path, launch: dict[str, tuple[str, str]] | None = None) -> Glossary:
    return load_glossary(
        folder,
        categories=load_categories(),
        known_sources=KNOWN,
        launch_list=launch or {},
        today=dt.date(2026, 11, 28),
    )


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    folder = tmp_path / "terms"
    write_set(folder)
    return folder


def replace_field(folder: Path, slug: str, key: str, value: str) -> Path:
    path = folder / f"{slug}.md"
    others = [o for o in SLUGS if o != slug]
    path.write_text(term_text(slug, slug.capitalize(), others, {key: value}), encoding="utf-8")
    return path


def only_errors(g: Glossary, name: str) -> list[str]:
    return [str(p) for p in g.errors if p.path.name == name]


def test_valid_set_loads_without_problems(terms: Path) -> None:
    g = load(terms)
    assert g.problems == []
    assert sorted(g.terms) == SLUGS
    t = g.terms["alpha"]
    assert [s.anchor for s in t.sections] == ["what-it-actually-is", "how-it-works", "what-it-isnt", "why-it-matters"]
    assert t.reviewed == dt.date(2026, 1, 2)
    assert t.sources[0].checked == dt.date(2026, 1, 1)
    assert g.content_version == "2026-01-02"


@pytest.mark.parametrize(
    ("key", "value", "field", "fragment"),
    [
        ("slug", "<omit>", "slug", "is missing"),
        ("title", "''", "title", "is empty"),
        ("summary", "<omit>", "summary", "is missing"),
        ("category", "Feelings", "category", "'Feelings' is not a category"),
        ("slug", "alpha-two", "slug", "does not match the file name"),
        ("slug", "Alpha_Two", "slug", "lower-case letters"),
        ("summary", "Two sentences here. And another one.", "summary", "exactly one sentence"),
        ("summary", "No full stop at the end", "summary", "exactly one sentence"),
        ("related", "\n  - beta\n  - gamma", "related", "at least 3"),
        ("related", "\n  - beta\n  - gamma\n  - alpha", "related", "cannot be related to itself"),
        ("related", "\n  - beta\n  - gamma\n  - nosuchterm", "related", "'nosuchterm' is not a term"),
        ("related", "\n  - beta\n  - gamma\n  - gamma\n  - delta", "related", "'gamma' is listed twice"),
        ("related", "beta", "related", "must be a list"),
        ("faqs", "\n  - q: Only one?\n    a: Yes.", "faqs", "at least 3 are needed"),
        ("faqs", "\n  - q: One?\n    a: A.\n  - q: Two?\n  - q: Three?\n    a: C.", "faqs", "has no answer"),
        ("faqs", "\n  - q: One\n    a: A.\n  - q: Two?\n    a: B.\n  - q: Three?\n    a: C.", "faqs",
         "should end with '?'"),
        ("sources", "\n  - title: T\n    publisher: P\n    checked: 2026-01-01", "sources", "has no url"),
        ("sources", f"\n  - title: T\n    url: {URL}\n    checked: 2026-01-01", "sources", "has no publisher"),
        ("sources", "\n  - title: T\n    publisher: P\n    url: http://example.org/x\n    checked: 2026-01-01",
         "sources", "must start with https://"),
        ("sources", "\n  - title: T\n    publisher: P\n    url: https://example.org/made-up\n    checked: 2026-01-01",
         "sources", "is not in resources/content/sources.yaml"),
        ("sources", f"\n  - title: T\n    publisher: P\n    url: {URL}", "sources", "no 'checked' date"),
        ("sources", "\n  - title: T\n    publisher: P\n    unconfirmed: true", "sources", "at least one source with a url"),
        ("reviewed", "yesterday", "reviewed", "is not a date"),
        ("reviewed", "2099-01-01", "reviewed", "is in the future"),
        ("colour", "blue", "colour", "is not a known field"),
        ("sumary", "Typo.", "sumary", "did you mean 'summary'"),
        ("aliases", "\n  - Beta", "aliases", "is the title of another term (beta)"),
        ("aliases", "\n  - twice\n  - Twice", "aliases", "listed twice"),
        ("lay_terms", "\n  - beta", "lay_terms", "is the title of another term (beta)"),
        ("tier", "medium", "tier", "'medium' is not a tier"),
        ("faqs", "\n  - q: Only one?\n    a: Yes.\ntier: brief", "body", "a brief term has"),
        ("aliases", "\n  - 42", "aliases", "must be non-empty text"),
    ],
)
def test_each_rule_names_file_and_field(terms: Path, key: str, value: str, field: str, fragment: str) -> None:
    replace_field(terms, "alpha", key, value)
    g = load(terms)
    errors = [p for p in g.errors if p.path.name == "alpha.md"]
    assert errors, "breaking the rule must produce an error"
    assert any(p.field == field and fragment in p.message for p in errors), [str(p) for p in errors]
    if "is not a term" in fragment:  # a link to a missing term is a check error, but the term itself is kept
        assert "alpha" in g.terms and "alpha.md" not in g.skipped
    else:
        assert "alpha" not in g.terms, "an invalid term is skipped"
        assert "alpha.md" in g.skipped
    assert {"beta", "gamma", "delta"} <= set(g.terms), "the rest still load"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("## One\n\n" + BODY_WORDS * 3 + "\n\n## What it isn't\n\ntext\n", "at least 3 are needed"),
        ("## One\n\n" + BODY_WORDS + "\n\n## Two\n\n" + BODY_WORDS + "\n\n## Three\n\n" + BODY_WORDS,
         "has no \"What it isn't\" section"),
        ("Intro.\n\n## One\n\n" + BODY_WORDS + "\n\n## Two\n\n" + BODY_WORDS + "\n\n## What it isn't\n\n" + BODY_WORDS,
         "text before the first"),
        ("## One\n\nshort\n\n## Two\n\nshort\n\n## What it isn't\n\nshort\n", "a full term needs at least 400"),
        ("## One\n\n\n\n## Two\n\n" + BODY_WORDS * 2 + "\n\n## What it isn't\n\n" + BODY_WORDS, "is empty"),
        ("## One\n\n" + BODY_WORDS + " [x](https://evil.example)\n\n## Two\n\n" + BODY_WORDS
         + "\n\n## What it isn't\n\n" + BODY_WORDS, "is not allowed"),
        ("## One\n\n" + BODY_WORDS + " <script>x</script>\n\n## Two\n\n" + BODY_WORDS
         + "\n\n## What it isn't\n\n" + BODY_WORDS, "raw HTML"),
        ("## One\n\n" + BODY_WORDS + "\n\n![pic](term:beta)\n\n## Two\n\n" + BODY_WORDS
         + "\n\n## What it isn't\n\n" + BODY_WORDS, "images are not part"),
        ("## One\n\n" + BODY_WORDS + " [x](term:nowhere)\n\n## Two\n\n" + BODY_WORDS
         + "\n\n## What it isn't\n\n" + BODY_WORDS, "'term:nowhere' is not a term"),
    ],
)
def test_body_rules(terms: Path, body: str, fragment: str) -> None:
    replace_field(terms, "alpha", "__body__", body)
    g = load(terms)
    messages = only_errors(g, "alpha.md")
    assert any(fragment in m and ": body: " in m for m in messages), messages


def test_line_numbers_point_at_the_field(terms: Path) -> None:
    path = replace_field(terms, "alpha", "category", "Nope")
    g = load(terms)
    (problem,) = [p for p in g.errors if p.field == "category"]
    line = path.read_text().split("\n").index("category: Nope") + 1
    assert problem.line == line
    assert str(problem).startswith(f"{path}:{line}: error: category:")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"no front matter here\n", "must start with a line '---'"),
        (b"---\ntitle: x\n", "never closed"),
        (b"---\ntitle: [unclosed\n---\n", "invalid YAML"),
        (b"---\nsummary: a: b\n---\n", "must be quoted"),
        (b"---\n- a\n- b\n---\n", "must be a set of 'key: value' fields"),
        (b"\xff\xfe\x00garbage\x00", "NUL bytes"),
        (b"---\ntitle: caf\xe9\n---\n", "not UTF-8"),
        (b"---\ntitle: x\ntitle: y\n---\n", "given twice"),
    ],
)
def test_broken_files_are_reported_not_fatal(terms: Path, content: bytes, fragment: str) -> None:
    (terms / "broken.md").write_bytes(content)
    g = load(terms)
    messages = only_errors(g, "broken.md")
    assert any(fragment in m for m in messages), messages
    assert sorted(g.terms) == SLUGS


def test_huge_file_is_refused_quickly(terms: Path) -> None:
    (terms / "huge.md").write_bytes(b"---\n" + b"x" * (10 * 1024 * 1024))
    g = load(terms)
    assert any("must be under" in m for m in only_errors(g, "huge.md"))
    assert sorted(g.terms) == SLUGS


def test_wrong_types_are_named(terms: Path) -> None:
    replace_field(terms, "alpha", "title", "[1, 2]")
    g = load(terms)
    assert any(p.field == "title" and "must be text, not a list" in p.message for p in g.errors)


def test_symlink_loop_and_stray_files(terms: Path) -> None:
    os.symlink(terms / "loop.md", terms / "loop.md")
    (terms / "notes.txt").write_text("hello")
    g = load(terms)
    assert any(p.path.name == "loop.md" for p in g.errors)
    assert any(p.path.name == "notes.txt" and "not a term file" in p.message for p in g.errors)
    assert sorted(g.terms) == SLUGS


def test_duplicate_slug_in_two_files(terms: Path) -> None:
    (terms / "copy.md").write_text(term_text("alpha", "Alpha copy", ["beta", "gamma", "delta"]))
    g = load(terms)
    assert any("does not match the file name" in str(p) for p in g.errors)


def test_pending_links_to_launch_terms_are_not_errors(terms: Path) -> None:
    replace_field(terms, "alpha", "related", "\n  - beta\n  - gamma\n  - notyet")
    g = load(terms, launch={"notyet": ("Not yet", "Conditions")})
    assert g.errors == []
    (p,) = g.pending
    assert p.field == "related" and "notyet" in p.message
    assert "alpha" in g.terms


def test_shared_alias_is_allowed_when_both_list_it(terms: Path) -> None:
    replace_field(terms, "alpha", "aliases", "\n  - shared name")
    replace_field(terms, "beta", "aliases", "\n  - shared name")
    assert load(terms).errors == []


def test_unconfirmed_source_without_url_is_allowed_beside_a_confirmed_one(terms: Path) -> None:
    sources = (f"\n  - title: T\n    publisher: P\n    url: {URL}\n    checked: 2026-01-01"
               "\n  - title: Brain Basics\n    publisher: NIMH\n    unconfirmed: true")
    replace_field(terms, "alpha", "sources", sources)
    g = load(terms)
    assert g.errors == []
    assert g.terms["alpha"].sources[1].url is None


def test_reports_every_problem_at_once(terms: Path) -> None:
    replace_field(terms, "alpha", "category", "Nope")
    replace_field(terms, "beta", "summary", "Not one. Sentence.")
    (terms / "gamma.md").write_bytes(b"")
    g = load(terms)
    assert {p.path.name for p in g.errors} == {"alpha.md", "beta.md", "gamma.md"}


def test_helpers() -> None:
    assert anchor_for("What it isn't") == "what-it-isnt"
    assert anchor_for("What it isn’t") == "what-it-isnt"
    assert is_one_sentence("A thing that does stuff, e.g. this.") is True
    assert is_one_sentence("One. Two.") is False
    pre, sections = split_sections("## A\n\ntext\n\n### sub\n\nmore\n\n## A\n\nagain", 10)
    assert pre == ""
    assert [s.anchor for s in sections] == ["a", "a-2"]
    assert sections[0].line == 10 and "### sub" in sections[0].body


def write_graph(folder: Path, graph: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for slug, others in graph.items():
        (folder / f"{slug}.md").write_text(term_text(slug, slug.capitalize(), others), encoding="utf-8")


def test_one_way_link_to_a_non_hub_is_an_error(tmp_path: Path) -> None:
    five = ["alpha", "beta", "gamma", "delta", "omega"]
    graph = {s: [o for o in five if o != s] for s in five}
    graph["alpha"].remove("delta")  # delta lists alpha, alpha does not list delta back
    write_graph(tmp_path / "t", graph)
    g = load(tmp_path / "t")
    (p,) = [p for p in g.errors if p.path.name == "alpha.md"]
    assert p.field == "related" and "does not list 'delta' back" in p.message and p.line is not None


def test_a_term_cut_off_from_the_map_is_an_error(tmp_path: Path) -> None:
    island1 = ["a1", "a2", "a3", "a4"]
    island2 = ["b1", "b2", "b3", "b4"]
    graph = {s: [o for o in isl if o != s] for isl in (island1, island2) for s in isl}
    write_graph(tmp_path / "t", graph)
    g = load(tmp_path / "t")
    cut = [p for p in g.errors if "cut off from the map" in p.message]
    assert {p.path.name for p in cut} == {f"{s}.md" for s in island2}


def test_one_way_links_to_a_hub_are_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "terms"
    folder.mkdir()
    leaves = [f"leaf{chr(97 + i)}" for i in range(11)]
    # Each leaf links to the hub and its two neighbours (two-way); the hub lists only three leaves back.
    for i, leaf in enumerate(leaves):
        others = ["hub", leaves[i - 1], leaves[(i + 1) % len(leaves)]]
        (folder / f"{leaf}.md").write_text(term_text(leaf, leaf.capitalize(), others), encoding="utf-8")
    (folder / "hub.md").write_text(term_text("hub", "Hub", leaves[:3]), encoding="utf-8")
    g = load(folder)
    assert [str(p) for p in g.errors] == []
