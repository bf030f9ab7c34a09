"""Fixtures for the search tests: the real glossary with its own index, and small made-up glossaries.

Every test runs with BRAIN_GLOSSARY_INDEX_DIR and BRAIN_GLOSSARY_CACHE_DIR pointing into its tmp dir,
so nothing here ever touches the real index/ folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.content.loader import Glossary, load_categories, load_glossary
from desktop_app.content.model import Faq, Section, Term
from desktop_app.search.engine import SearchEngine


@pytest.fixture(autouse=True)
def index_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point both index locations at this test's tmp dir."""
    bundled, cache = tmp_path / "index", tmp_path / "cache"
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(bundled))
    monkeypatch.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(cache))
    return {"bundled": bundled, "cache": cache, "cache_index": cache / "index"}


@pytest.fixture(scope="session")
def real_glossary() -> Glossary:
    """The content as it is when the session starts (writers keep adding terms; tests skip what is missing)."""
    return load_glossary()


@pytest.fixture(scope="session")
def real_engine(real_glossary: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    root = tmp_path_factory.mktemp("real-index")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(root / "index"))
        mp.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(root / "cache"))
        engine, status = SearchEngine.open_or_build(real_glossary)
    assert status.rebuilt and status.location == root / "index"
    yield engine
    engine.close()


@pytest.fixture
def need(real_glossary: Glossary):  # type: ignore[no-untyped-def]
    """need(*slugs): skip the test until the writers have written these terms."""

    def check(*slugs: str) -> None:
        missing = [s for s in slugs if s not in real_glossary.terms]
        if missing:
            pytest.skip(f"not written yet: {', '.join(missing)}")

    return check


def make_term(slug: str, title: str, category: str = "Brain and Body", *, aliases: tuple[str, ...] = (),
              brands: tuple[str, ...] = (), summary: str | None = None, body: str = "",
              faqs: tuple[tuple[str, str], ...] = ()) -> Term:
    """A small valid-looking Term built in code (no file, no validation)."""
    sections = (
        Section("What it is", "what-it-is", body or f"{title} is described here in plain words.", 10),
        Section("How it works", "how-it-works", f"Details about {title.lower()} and how it works.", 14),
        Section("What it isn't", "what-it-isnt", f"- **Not magic.** {title} is not a cure-all.", 18),
    )
    return Term(
        slug=slug, title=title, category=category, summary=summary or f"{title} is a made-up test term.",
        aliases=aliases, brand_examples=brands, related=(), reviewed=dt.date(2026, 11, 28),
        faqs=tuple(Faq(q, a) for q, a in faqs) or (Faq(f"What is {title.lower()}?", f"{title} is a test."),),
        sections=sections,
    )


def make_glossary(terms: list[Term]) -> Glossary:
    return Glossary(terms={t.slug: t for t in terms}, categories=load_categories())


@pytest.fixture
def term_factory():  # type: ignore[no-untyped-def]
    return make_term


@pytest.fixture
def small_glossary() -> Glossary:
    return make_glossary([
        make_term("alpha-wave", "Alpha wave", aliases=("alpha rhythm",),
                  body="Alpha waves show up when a person rests with closed eyes. <script>alert(1)</script> & more."),
        make_term("beta-blocker", "Beta blocker", "Medications", aliases=("beta blockers",), brands=("Inderal",),
                  body="Beta blockers calm the racing heart of performance anxiety."),
        make_term("calm-breathing", "Calm breathing", "Therapies", aliases=("paced breathing",),
                  body="Slow breathing settles the body. It is used for panic and for sleep."),
        make_term("daydreaming", "Daydreaming", "Symptoms and Experiences",
                  body="Daydreaming is a wandering mind. Café culture and naïve résumé words test accents."),
        make_term("early-waking", "Early waking", "Conditions", aliases=("terminal insomnia",),
                  body="Early waking means waking hours before planned, common in depression."),
    ])
