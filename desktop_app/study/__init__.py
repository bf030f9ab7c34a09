"""Study mode, Qt-free: cards made from the content, decks, FSRS scheduling, progress, Anki export.

Nothing here is imported before the window's first paint; ``fsrs`` and ``genanki`` are imported only by the
functions that use them.
"""
