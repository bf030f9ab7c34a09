"""``brain-glossary study export``: study cards for Anki, headless (no Qt).

    brain-glossary study export (--category NAME | --bookmarks | --list FILE | --search QUERY | SLUG...)
                                -o OUT.apkg|OUT.csv [--region CODE] [--deck NAME]
    brain-glossary study due [same deck options]     due and new counts from the saved progress

Errors go to stderr with exit status 1 (2 for a usage error); nothing is written unless the whole deck could
be made. Unknown slugs are named with the closest term; slugs in a list or the bookmarks that this glossary
does not have are reported as a warning and skipped.
"""

from __future__ import annotations

import sys
from typing import Any

PROG = "brain-glossary study"


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def add_parser(sub: Any) -> None:
    p = sub.add_parser("study", help="study cards: export them for Anki, or count what is due")
    actions = p.add_subparsers(dest="study_action", metavar="ACTION", required=True)
    for name, helptext in (("export", "write the deck's cards to OUT.apkg (Anki package) or OUT.csv"),
                           ("due", "print how many of the deck's cards are due and new")):
        a = actions.add_parser(name, help=helptext)
        src = a.add_mutually_exclusive_group()
        src.add_argument("--category", metavar="NAME", help="every term of a category (name or id)")
        src.add_argument("--bookmarks", action="store_true", help="your bookmarked terms")
        src.add_argument("--list", metavar="FILE", help="a saved handout list (.handout.json)")
        src.add_argument("--search", metavar="QUERY", help="the best 50 hits of a search")
        src.add_argument("--all", action="store_true", help="every term (the default for 'due')")
        a.add_argument("slugs", nargs="*", metavar="SLUG", help="these terms")
        a.add_argument("--region", dest="study_region", metavar="CODE",
                       help="crisis region for the crisis line on safe-messaging cards")
        if name == "export":
            a.add_argument("-o", "--output", required=True, metavar="OUT.apkg|OUT.csv")
            a.add_argument("--deck", help="the Anki deck's name (default: Brain & Body Glossary)")


def run(args: Any) -> int:
    from desktop_app.content import crisis
    from desktop_app.content.loader import load_glossary
    from desktop_app.study import decks

    sources = [bool(args.category), bool(args.bookmarks), bool(args.list), bool(args.search), bool(args.all)]
    if sum(sources) + bool(args.slugs) > 1:
        _err("choose one of --category, --bookmarks, --list, --search, --all or slugs")
        return 2
    if args.study_action == "export" and not any(sources) and not args.slugs:
        _err("say which terms: --category NAME, --bookmarks, --list FILE, --search QUERY, --all or SLUG...")
        return 2
    region_code = getattr(args, "study_region", None) or getattr(args, "region", None)
    if region_code and region_code.upper() not in {*crisis.load_regions(), "GB"}:
        _err(f"unknown region '{region_code}' (one of {', '.join(crisis.load_regions())})")
        return 2
    region = crisis.get_region(region_code or crisis.default_code())
    glossary = load_glossary()
    try:
        if args.category:
            deck = decks.from_category(glossary, args.category)
        elif args.bookmarks:
            from desktop_app.userdata.store import UserData

            deck = decks.from_bookmarks(glossary, UserData().bookmarks)
        elif args.list:
            deck = decks.from_handout(glossary, args.list)
        elif args.search:
            deck = decks.from_search(glossary, args.search)
        elif args.slugs:
            from desktop_app.commands.print_cmd import suggest

            deck = decks.from_slugs(glossary, args.slugs)
            if deck.missing:
                for slug in deck.missing:
                    near = suggest(slug, glossary)
                    _err(f"'{slug}' is not a term in the glossary" + (f" (did you mean '{near}'?)" if near else ""))
                return 1
        else:
            deck = decks.all_terms(glossary)
    except decks.DeckError as exc:
        _err(str(exc))
        return 1
    if deck.missing:
        _err(f"warning: {len(deck.missing)} term(s) are not in this glossary and were skipped: "
             + ", ".join(deck.missing[:10]))
    if not deck.slugs:
        _err(f"the deck '{deck.name}' has no terms")
        return 1
    cards = deck.cards(glossary, region)
    if args.study_action == "due":
        from desktop_app.study.progress import StudyProgress

        progress = StudyProgress()
        for n in progress.take_notices():
            _err(n)
        due, new = progress.due_counts([c.card_id for c in cards])
        print(f"{deck.name}: {len(deck.slugs)} terms, {len(cards)} cards: {due} due, {new} new")
        return 0
    from desktop_app.study import export

    try:
        kind = export.export(cards, args.output, args.deck or export.DECK_NAME)
    except export.ExportError as exc:
        _err(str(exc))
        return 1
    what = "Anki package" if kind == "apkg" else "CSV for Anki"
    print(f"Wrote {args.output} ({what}): {len(cards)} cards from {len(deck.slugs)} terms ({deck.name}).")
    return 0
