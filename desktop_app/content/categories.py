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


def load_categories(path: Path | None = None) -> list[Category]:
    path = path or (paths.content_dir() / "categories.yaml")
    raw = load_yaml(path)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a list of categories")
    cats: list[Category] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "name", "blurb")):
            raise ValueError(f"{path}: category {i + 1} needs text fields id, name and blurb")
        cats.append(Category(id=item["id"], name=item["name"], order=i, blurb=item["blurb"]))
    return cats
