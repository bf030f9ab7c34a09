"""``brain-glossary search QUERY [--limit N] [--category C] [--json]``.

stdout carries only the results (with ``--json``: a JSON array of hits and nothing else). Notices (an index
rebuild, "did you mean" in JSON mode, errors) go to stderr as single lines, never as a traceback.
Exit status: 0 when the search ran (even with no hits), 2 when it could not (bad category, no content, no index).
"""

from __future__ import annotations

import html
import json
import logging
import re
import sys

_BOLD_RE = re.compile(r"<b>(.*?)</b>")


def _plain(snippet: str, bold: bool) -> str:
    """A hit's HTML snippet as terminal text (matched words in bold on a terminal)."""
    text = _BOLD_RE.sub("\x1b[1m\\1\x1b[0m" if bold else r"\1", snippet)
    return html.unescape(text)


def _crisis_notice(region_code: str, kinds: tuple[str, ...]) -> str:
    """One line for stderr: where to get help now, with the region's numbers (from regions.yaml)."""
    from desktop_app.content import crisis

    region = crisis.get_region(region_code)
    first = region.lines[0]
    veteran = next((ln for ln in region.lines if "veteran" in ln.name.casefold()), None)
    extra = f" Veterans: {veteran.name}, {veteran.how_text()}." if veteran is not None and region.code == "US" else ""
    line = f"{first.name}: {first.how_text()} ({region.name})."
    if kinds and kinds[0] == "overdose":
        return (f"Crisis help: if someone may have overdosed or cannot be woken, call {region.emergency} now. "
                f"For support: {line}{extra}")
    return (f"Crisis help: if you are thinking about suicide or are in crisis, {line}{extra} "
            f"If someone is in immediate danger, call {region.emergency}.")


def run(query: str, limit: int = 10, category: str | None = None, as_json: bool = False,
        region: str | None = None) -> int:
    logging.getLogger("desktop_app.search").addHandler(logging.NullHandler())  # no tracebacks on the terminal
    try:
        from desktop_app.content.loader import load_glossary
        from desktop_app.search.engine import SearchEngine

        glossary = load_glossary()
        if not glossary.terms:
            print("error: the glossary has no valid terms to search", file=sys.stderr)
            return 2
        engine, status = SearchEngine.open_or_build(glossary, warm=False)  # one query: nothing to warm
    except Exception as exc:
        print(f"error: the search index cannot be opened or built: {exc}", file=sys.stderr)
        return 2
    try:
        if status.message:
            print(status.message, file=sys.stderr)
        if category and engine.category_id(category) is None:
            names = ", ".join(c.name for c in glossary.categories)
            print(f"error: '{category}' is not a category; use one of: {names}", file=sys.stderr)
            return 2
        from desktop_app.content import crisis

        regions = crisis.load_regions()
        code = (region or "").strip().upper()
        code = "UK" if code == "GB" else code
        if code and code not in regions:
            print(f"error: unknown region '{region}'; use one of: {', '.join(sorted(regions))}", file=sys.stderr)
            return 2
        code = code or crisis.region_from_environment(regions)
        results = engine.search(query, limit=limit, category=category, region=code)
        if results.crisis is not None:  # never on stdout: --json keeps its contract (a JSON array of hits)
            print(_crisis_notice(code, results.crisis.kinds), file=sys.stderr)
        if engine.errors:
            print("warning: part of the search failed; results may be incomplete", file=sys.stderr)
        if as_json:
            if results.did_you_mean:
                print(f"Did you mean: {results.did_you_mean}", file=sys.stderr)
            json.dump([h.to_json() for h in results.hits], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        bold = sys.stdout.isatty()
        if results.did_you_mean:
            print(f"Did you mean: {results.did_you_mean}? Showing results for it.\n")
        if not results.hits:
            print(f"No term matches “{query}”. Try other words, or browse the A–Z list in the app.")
            return 0
        for i, h in enumerate(results.hits, 1):
            line = f"{i}. {h.title}  [{h.category}]"
            if h.matched_alias:
                line += f"  ({h.matched_alias} → {h.title})"
            print(line)
            faq = (h.section or "").startswith("faq-")  # an FAQ snippet starts with its question already
            where = f"   {h.section_heading}: " if h.section_heading and not faq else "   "
            print(where + _plain(h.snippet, bold))
            print(f"   term:{h.slug}" + (f"#{h.section}" if h.section else ""))
        shown = len(results.hits)
        if results.total > shown:
            print(f"\n{shown} of about {results.total} matching terms; use --limit to see more.")
        return 0
    finally:
        engine.close()
