"""The six categories, read from ``resources/content/categories.yaml`` (kept tiny: the window needs it
for its first paint, before any term file is read)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from desktop_app import paths
from desktop_app.content.datacache import load_yaml


class Category(NamedTuple):
    """One of the six categories, declared once in ``resources/content/categories.yaml``.

    A NamedTuple rather than a dataclass like the term records: the first paint needs it (see crisis.py).
    """

    id: str  # stable identifier, e.g. "brain-and-body"
    name: str  # display name, e.g. "Brain and Body"
    order: int
    blurb: str


# The built-in six, used only when categories.yaml cannot be read (the same names the file declares), so that a
# damaged file costs the home page's blurbs, never the window or the terms. ``check`` reports the file.
FALLBACK = (
    Category("brain-and-body", "Brain and Body", 0, ""),
    Category("conditions", "Conditions", 1, ""),
    Category("symptoms-and-experiences", "Symptoms and Experiences", 2, ""),
    Category("therapies", "Therapies", 3, ""),
    Category("medications", "Medications", 4, ""),
    Category("care-and-support", "Care and Support", 5, ""),
)


def categories_path() -> Path:
    return paths.content_dir() / "categories.yaml"


def categories_or_fallback(path: Path | None = None, use_cache: bool = True) -> tuple[list[Category], str | None]:
    """The categories and None, or, when the file is missing or damaged, the built-in six and one line that
    names the file and what is wrong. Never raises: the window needs this before its first paint."""
    path = path or categories_path()
    try:
        return load_categories(path, use_cache=use_cache), None
    except FileNotFoundError:
        return list(FALLBACK), f"{path}: is missing"
    except Exception as exc:  # OSError, UnicodeDecodeError, yaml.YAMLError, ValueError
        reason = str(exc) if isinstance(exc, ValueError) and str(exc).startswith(str(path)) else None
        if reason is None:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
            detail = getattr(exc, "problem", None) or getattr(exc, "strerror", None) or exc
            reason = f"{where}: cannot be read: {detail}"
        return list(FALLBACK), " ".join(reason.split())


def load_categories(path: Path | None = None, use_cache: bool = True) -> list[Category]:
    path = path or categories_path()
    raw = load_yaml(path, use_cache=use_cache)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a list of categories")
    cats: list[Category] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "name", "blurb")):
            raise ValueError(f"{path}: category {i + 1} needs text fields id, name and blurb")
        cats.append(Category(id=item["id"], name=item["name"], order=i, blurb=item["blurb"]))
    return cats
