"""The safe Markdown subset: only what the format allows becomes markup."""

from __future__ import annotations

import pytest

from desktop_app.render.markdown import inline, plain_text, to_html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[file](file:///etc/passwd)",
        "[web](https://example.org)",
        "![pic](term:neuron)",
        '<a href="term:x">x</a>',
        "&lt;already escaped&gt; & <b>bold tag</b>",
    ],
)
def test_hostile_markup_is_shown_as_text(hostile: str) -> None:
    out = to_html(hostile)
    assert "<script" not in out and "<img" not in out and "<a href" not in out.replace('<a class="term"', "")
    assert "javascript:" not in out or "href" not in out
    assert 'href="file:' not in out and 'href="https:' not in out


def test_allowed_constructs() -> None:
    out = to_html("A **b** *i* [Neuron](term:neuron).\n\n- x\n- y\n\n1. one\n\n### Sub")
    assert "<b>b</b>" in out and "<i>i</i>" in out
    assert '<a class="term" href="term:neuron">Neuron</a>' in out
    assert "<ul><li>x</li><li>y</li></ul>" in out
    assert "<ol><li>one</li></ol>" in out
    assert "<h3>Sub</h3>" in out


def test_unknown_term_link_becomes_plain_text() -> None:
    assert inline("[X](term:missing)", link_ok=lambda s: False) == "X"


def test_long_words_and_rtl_text_survive() -> None:
    word = "a" * 5000
    assert word in to_html(word)
    rtl = "الدماغ والجسم"
    assert rtl in to_html(rtl)


def test_plain_text() -> None:
    assert plain_text("**Bold** and [link](term:x)\n- item") == "Bold and link\nitem"


def test_links_inside_emphasis() -> None:
    out = inline("**[Neuron](term:neuron)** and *[GABA](term:gaba) too*")
    assert out == '<b><a class="term" href="term:neuron">Neuron</a></b> and <i><a class="term" href="term:gaba">GABA</a> too</i>'
