"""Split a term file into YAML front matter and Markdown body (a small pure function, MkDocs-style).

The YAML is read with PyYAML's *safe* loader only. Besides the data, the reader returns the
1-based file line of every top-level key and of every item of a top-level list, so that
validation messages can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


class FrontMatterError(ValueError):
    """The file's front matter cannot be read. ``line`` is 1-based in the whole file, or None."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class FrontMatter:
    data: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        if index is not None:
            items = self.item_lines.get(key, [])
            if 0 <= index < len(items):
                return items[index]
        return self.key_lines.get(key)


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line). Raises FrontMatterError when there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("the file must start with a line '---' opening the YAML front matter", 1)
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return yaml_text, body, i + 2
    raise FrontMatterError("the front matter is never closed: add a line '---' after the last field", 1)


# libyaml's C parser (shipped in PyYAML's wheels) is several times faster; both are safe loaders.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> FrontMatter:
    yaml_text, body, body_line = split(text)
    loader = SafeLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterError("the front matter is empty", 2)
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                "the front matter must be a set of 'key: value' fields", node.start_mark.line + 2
            )
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else None
        what = exc.problem or str(exc)
        if "mapping values are not allowed" in what:
            what += " (a value that contains ': ' must be quoted, or written as a block after '>-')"
        raise FrontMatterError(f"invalid YAML: {what}", line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        raise FrontMatterError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise FrontMatterError("invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()

    fm = FrontMatter(data=data, body=body, body_line=body_line)
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in seen:
            fm.duplicate_keys.append((key, line))
        seen.add(key)
        fm.key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            fm.item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
    return fm
