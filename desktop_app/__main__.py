"""``python -m desktop_app``: the same as the ``brain-glossary`` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
