"""Term page rendering: HTML generation + setHtml + layout + paint, for every term (target: one frame, 16 ms).

    python benchmarks/bench_render.py [--repeat 5]

Runs offscreen in a 1000 x 700 window at the default zoom. Reports the median and worst time per term and
the numbers for the longest term.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    from desktop_app.content.loader import incoming_links, load_glossary
    from desktop_app.gui.page_browser import PageBrowser
    from desktop_app.render import term_html

    g = load_glossary()
    titles = {s: t.title for s, t in g.terms.items()}
    incoming = incoming_links(g.terms)
    browser = PageBrowser("bench")
    browser.resize(760, 640)
    browser.show()
    browser.enable_fitting()  # as in the window after its first paint: headings fit the width
    image = QImage(browser.viewport().size(), QImage.Format.Format_RGB32)

    def render(slug: str) -> float:
        t0 = time.perf_counter()
        term = g.terms[slug]
        html = term_html.term_page(term, titles=titles, related_of=lambda s: g.terms[s].related,
                                   linked_from=incoming[slug])
        browser.setHtml(html)
        browser.document().size()  # forces the layout
        browser.viewport().render(image)
        return time.perf_counter() - t0

    for slug in g.terms:  # warm-up (fonts, glyph caches)
        render(slug)
    per_term: dict[str, float] = {}
    for slug in g.terms:
        per_term[slug] = statistics.median(render(slug) for _ in range(args.repeat))
    longest = max(g.terms.values(), key=lambda t: t.word_count() + sum(len(f.answer.split()) for f in t.faqs))
    worst_slug = max(per_term, key=per_term.__getitem__)
    print(f"{len(per_term)} terms, median of {args.repeat} renders each (HTML + setHtml + layout + paint)")
    print(f"median {statistics.median(per_term.values()) * 1000:.1f} ms, "
          f"worst {per_term[worst_slug] * 1000:.1f} ms ({worst_slug})")
    print(f"longest term: {longest.slug} ({longest.word_count()} words + FAQs): {per_term[longest.slug] * 1000:.1f} ms "
          f"(target 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
