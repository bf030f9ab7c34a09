"""The ``brain-glossary`` command.

With no subcommand it opens the app. Subcommands do headless work and are a public contract:

    brain-glossary check                      validate every term and the crisis data
    brain-glossary search QUERY [--json]      search from the terminal
    brain-glossary print SLUG... -o OUT.pdf   term sheets and handouts as PDF
    brain-glossary index build|check          the search index
    brain-glossary study export ... -o OUT    study cards for Anki (.apkg or .csv)
    brain-glossary --exit-after-first-paint   start the app, quit after the first paint
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop_app import __version__


def _content_version() -> str:
    try:
        from desktop_app.content.loader import load_glossary

        return load_glossary().content_version
    except Exception:  # the version line must never fail
        return "unknown"


def build_parser():  # -> argparse.ArgumentParser (imported here: the GUI path does not need it)
    import argparse

    parser = argparse.ArgumentParser(
        prog="brain-glossary",
        description="Brain & Body Glossary: an offline reference of mental-health terms. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="store_true", help="print the app and content versions and exit")
    parser.add_argument("--exit-after-first-paint", action="store_true",
                        help="start the app and quit right after the main window is first painted")
    parser.add_argument("--region", metavar="CODE", help="crisis region for this run (US, CA, UK, IE, AU, NZ)")
    parser.add_argument("--term", metavar="SLUG", help="open this term (in the window already open, if any)")
    parser.add_argument("--search", metavar="QUERY", help="show the results for this search (likewise)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_check = sub.add_parser("check", help="validate every term file and the crisis data")
    p_check.add_argument("--quiet", action="store_true", help="print only the summary line")

    p_search = sub.add_parser("search", help="search the glossary")
    p_search.add_argument("query", nargs="+", help="what to look for")
    p_search.add_argument("--limit", type=int, default=10, help="how many hits (default 10)")
    p_search.add_argument("--category", help="only this category (name or id)")
    p_search.add_argument("--json", action="store_true", help="print a JSON array of hits and nothing else")

    p_print = sub.add_parser("print", help="write term sheets or a handout to PDF")
    p_print.add_argument("slugs", nargs="+", metavar="SLUG")
    p_print.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p_print.add_argument("--paper", choices=["letter", "a4"], help="paper size (default: from the locale)")
    p_print.add_argument("--region", dest="print_region", metavar="CODE", help="crisis region for the footer")
    p_print.add_argument("--compact", action="store_true", help="flow terms one after another")
    p_print.add_argument("--title", help="handout title (several terms)")
    p_print.add_argument("--sheet", choices=["full", "summary"], default="full",
                         help="full: every section (default); summary: one page per term, for patients")

    p_index = sub.add_parser("index", help="build or check the search index")
    p_index.add_argument("action", choices=["build", "check"])

    from desktop_app.commands import study_cmd

    study_cmd.add_parser(sub)
    return parser


def _gui_only_args(argv: Sequence[str]) -> dict[str, object] | None:
    """The app's own start-up flags, parsed without argparse (it costs ~5 ms before the first paint).

    Returns None for anything else (a subcommand, --help, --version, a typo), which argparse then handles
    with its usual messages, so the command line behaves exactly the same.
    """
    out: dict[str, object] = {"exit_after_first_paint": False, "region": None, "term": None, "search": None}
    items = list(argv)
    while items:
        arg = items.pop(0)
        if arg == "--exit-after-first-paint":
            out["exit_after_first_paint"] = True
            continue
        name, eq, value = arg.partition("=")
        key = {"--region": "region", "--term": "term", "--search": "search"}.get(name)
        if key is None:
            return None
        if not eq:
            if not items or (items[0].startswith("-") and key != "search"):
                return None
            value = items.pop(0)
        if not value:
            return None
        out[key] = value
    return out


def _start_gui(exit_after_first_paint: bool, region: str | None, term: str | None, search: str | None) -> int:
    """One window per data folder: hand the arguments to a window already open, else open one (see
    desktop_app/instance.py). A benchmark run (--exit-after-first-paint) always opens its own window."""
    claim = None
    if not exit_after_first_paint:
        from desktop_app import instance, paths

        folder = paths.user_data_dir()
        claim = instance.claim(folder)
        if claim.state == "taken":
            argv = [*(["--term", term] if term else []), *(["--search", search] if search else [])]
            if instance.hand_off(folder, argv):
                print("Brain & Body Glossary is already open: the window was brought to the front.",
                      file=sys.stderr)
                return 0
    from desktop_app.gui.app import run_app

    return run_app(exit_after_first_paint=exit_after_first_paint, region=region, open_term=term,
                   open_search=search, instance_claim=claim)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    gui = _gui_only_args(argv)
    if gui is not None:
        return _start_gui(bool(gui["exit_after_first_paint"]), gui["region"], gui["term"], gui["search"])  # type: ignore[arg-type]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"brain-glossary {__version__} (content {_content_version()})")
        print("App licence: MIT. Content licence: CC BY 4.0.")
        return 0
    if args.command == "check":
        from desktop_app.commands import check

        return check.run(quiet=args.quiet)
    if args.command == "search":
        from desktop_app.commands import search_cmd

        return search_cmd.run(" ".join(args.query), limit=args.limit, category=args.category,
                              as_json=args.json)
    if args.command == "print":
        from desktop_app.commands import print_cmd

        return print_cmd.run(args.slugs, output=args.output, paper=args.paper,
                             region=args.print_region or args.region, compact=args.compact, title=args.title,
                             sheet_kind=args.sheet)
    if args.command == "index":
        from desktop_app.commands import index_cmd

        return index_cmd.run(args.action)
    if args.command == "study":
        from desktop_app.commands import study_cmd

        return study_cmd.run(args)
    return _start_gui(args.exit_after_first_paint, args.region, args.term, args.search)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
