"""The main window's jobs, one module each (qutebrowser's mainwindow/ + browser/ split, as mixins).

:class:`desktop_app.gui.main_window.MainWindow` only builds the widgets and wires them; each module here
holds one job and works on those widgets: navigation (history and pages), searching (the search thread),
keyboard (focus and keys), actions (menus and toolbar), appearance (theme, zoom, region, side panel),
reading_lists (bookmarks, history, notes), export (print and PDF), help (about and the keyboard reference).

They are mixins rather than separate objects so that the window keeps one public surface (tests, the
single-instance server and the study dialog call ``window.open_term`` and friends); no mixin has an
``__init__`` or state of its own beyond what the window sets.
"""
