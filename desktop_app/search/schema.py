"""The search index schema: every field declared once, with what it holds.

Ranking weights live next to the fields (``FIELD_BOOSTS``) and are applied at query time, so tuning
them does not need a rebuild. Bump ``SCHEMA_VERSION`` whenever a field, an analyzer or the document
shape changes: an index with another version is rebuilt automatically.
"""

from __future__ import annotations

import hashlib

from whoosh.fields import ID, STORED, TEXT, Schema

from desktop_app.search.analysis import STOP, TOKEN_PATTERN, text_analyzer

SCHEMA_VERSION = 3

SLUG = "slug"  # the term's slug: unique key, stored, never analyzed
TITLE = "title"  # the term's title as a reader would look it up (stemmed words)
ALIASES = "aliases"  # aliases, abbreviations, lay names and brand examples, one per line (stemmed words)
LAY = "lay"  # everyday words people search with (lay_terms: "cutting", "hand washing"), one per line
SUMMARY = "summary"  # the one-sentence definition
PLAIN = "plain"  # the plain-words summary for patients and families (lay vocabulary in running text)
SECTIONS = "sections"  # every body section: its heading, then its plain text (Markdown stripped)
FAQ_QUESTIONS = "faq_questions"  # the FAQ questions ("Can adults really rewire their brains?")
FAQ_ANSWERS = "faq_answers"  # the FAQ answers
CATEGORY = "category"  # the category id ("brain-and-body"), for the category filter
RELATED = "related"  # titles of the related terms ("see also" vocabulary; not in FIELD_BOOSTS, see below)
DOC = "doc"  # stored only: the term's display fields (title, category name) as a small dict

# The full-text fields a plain query word is looked up in, with their weight (Whoosh sums the BM25 score
# of each field). Tuned on the real queries in tests/unit/search/test_ranking.py. Each field costs one
# posting-list walk per query word, so RELATED (which mostly repeated words from the body and pulled
# neighbours above the term itself) is indexed but left out.
FIELD_BOOSTS: dict[str, float] = {
    TITLE: 8.0,
    ALIASES: 6.0,
    LAY: 5.0,
    SUMMARY: 3.0,
    FAQ_QUESTIONS: 2.5,
    SECTIONS: 1.0,
    FAQ_ANSWERS: 1.0,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
# PLAIN is indexed for evidence (FIELD_EVIDENCE) but not walked for BM25: one more field per query word cost
# about an eighth more time and moved no query of the evaluation sets.
# How strongly a query word found in a field speaks for the term, for the calibrated score (engine.py):
# a word in the term's names counts fully, in the definition or an FAQ question a little less, and a word
# only somewhere in the body least (a body mentions many things the term is not about).
FIELD_EVIDENCE: dict[str, float] = {
    TITLE: 1.0,
    ALIASES: 1.0,
    LAY: 1.0,
    SUMMARY: 0.9,
    PLAIN: 0.85,
    FAQ_QUESTIONS: 0.85,
    SECTIONS: 0.7,
    FAQ_ANSWERS: 0.65,
}


def build_schema() -> Schema:
    """The Whoosh schema of the glossary index."""
    analyzer = text_analyzer()
    return Schema(
        **{
            SLUG: ID(stored=True, unique=True),
            TITLE: TEXT(analyzer=analyzer),
            ALIASES: TEXT(analyzer=analyzer),
            LAY: TEXT(analyzer=analyzer),
            SUMMARY: TEXT(analyzer=analyzer),
            PLAIN: TEXT(analyzer=analyzer),
            SECTIONS: TEXT(analyzer=analyzer),
            FAQ_QUESTIONS: TEXT(analyzer=analyzer),
            FAQ_ANSWERS: TEXT(analyzer=analyzer),
            CATEGORY: ID(),
            RELATED: TEXT(analyzer=analyzer),
            DOC: STORED(),
        }
    )


def schema_signature() -> str:
    """A short hash of the fields and the analysis settings: an index with another signature is rebuilt,
    so a changed stop list or field set never meets an old index even if SCHEMA_VERSION was not bumped."""
    fields = sorted((name, type(field).__name__) for name, field in build_schema().items())
    text = repr((SCHEMA_VERSION, fields, sorted(STOP), TOKEN_PATTERN))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
