"""The one place that knows where things live.

Three layouts are supported, and nothing else in the package may guess paths:

* a source checkout: ``<repo>/desktop_app`` beside ``<repo>/resources`` and ``<repo>/index``;
* an installed wheel: ``site-packages/desktop_app/resources`` (the wheel maps ``resources/`` there) and a
  prebuilt index in ``site-packages/desktop_app/index`` (hatch_build.py), opened while fresh and never
  written: a stale one is rebuilt into the user cache folder;
* a PyInstaller bundle: ``sys._MEIPASS/resources`` and ``sys._MEIPASS/index``.

User data (bookmarks, notes, history, settings) lives in the platform's user data folder;
a rebuilt index goes to the user cache folder whenever the bundled index folder is read-only.
The environment variables ``BRAIN_GLOSSARY_DATA_DIR``, ``BRAIN_GLOSSARY_CACHE_DIR``,
``BRAIN_GLOSSARY_RESOURCES`` and ``BRAIN_GLOSSARY_INDEX_DIR`` override each location
(tests and portable installs use them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "brain-body-glossary"
PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def _bundle_root() -> Path | None:
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return None


def resources_dir() -> Path:
    """The folder holding content/, crisis/, styles/ and icons/."""
    override = os.environ.get("BRAIN_GLOSSARY_RESOURCES")
    if override:
        return Path(override)
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "resources"
    checkout = PACKAGE_DIR.parent / "resources"
    if (checkout / "content").is_dir():
        return checkout
    return PACKAGE_DIR / "resources"  # installed wheel


def content_dir() -> Path:
    return resources_dir() / "content"


def terms_dir() -> Path:
    return content_dir() / "terms"


def crisis_dir() -> Path:
    return resources_dir() / "crisis"


def styles_dir() -> Path:
    return resources_dir() / "styles"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def bundled_index_dir() -> Path:
    """Where a prebuilt index ships (checkout or bundle); may be missing or read-only."""
    override = os.environ.get("BRAIN_GLOSSARY_INDEX_DIR")
    if override:
        return Path(override)
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "index"
    checkout_root = PACKAGE_DIR.parent
    if (checkout_root / "resources" / "content").is_dir():
        return checkout_root / "index"
    shipped = wheel_index_dir()
    if shipped is not None:
        return shipped
    # A wheel without a prebuilt index (built with an older hatch_build.py): built on first use into the cache.
    return cache_index_dir()


def wheel_index_dir() -> Path | None:
    """The prebuilt index an installed wheel carries (``desktop_app/index``), or None (checkout, bundle, or a
    wheel without one). It is only ever read: the app never writes inside site-packages."""
    if os.environ.get("BRAIN_GLOSSARY_INDEX_DIR") or is_frozen():
        return None
    if (PACKAGE_DIR.parent / "resources" / "content").is_dir():
        return None  # a checkout: its index lives in <repo>/index
    shipped = PACKAGE_DIR / "index"
    return shipped if (shipped / "manifest.json").is_file() else None


def index_roots() -> list[Path]:
    """Where to look for a usable index, in order: the shipped/checkout one, then the user cache."""
    return list(dict.fromkeys([bundled_index_dir(), cache_index_dir()]))


def index_build_roots() -> list[Path]:
    """Where a (re)build may write, in order: as index_roots(), less a wheel's read-only shipped index."""
    shipped = wheel_index_dir()
    return [root for root in index_roots() if root != shipped]


def _xdg(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else default


def user_data_dir() -> Path:
    """Bookmarks, history, notes. Not created here: writers create it when they first write."""
    override = os.environ.get("BRAIN_GLOSSARY_DATA_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / APP_ID
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_ID
    return _xdg("XDG_DATA_HOME", home / ".local" / "share") / APP_ID


def user_cache_dir() -> Path:
    override = os.environ.get("BRAIN_GLOSSARY_CACHE_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / APP_ID / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / APP_ID
    return _xdg("XDG_CACHE_HOME", home / ".cache") / APP_ID


def cache_index_dir() -> Path:
    """The fallback index location, used when the bundled one cannot be written."""
    return user_cache_dir() / "index"
