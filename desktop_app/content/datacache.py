"""Read small YAML data files (categories, crisis regions) through a JSON cache.

Importing PyYAML costs ~15 ms, and the window needs these two files before its first paint. The first
read parses the YAML and stores the result in the user cache folder as JSON, keyed by the file's path,
modification time and size; later starts read the JSON (the json module is loaded anyway). A missing,
stale or damaged cache is simply ignored and rewritten, and a cache that cannot be written (read-only
home, full disk) only costs the YAML parse. Dates are stored as {"__date__": "YYYY-MM-DD"}.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from desktop_app import paths

CACHE_NAME = "data-cache.json"


def _encode(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__date__"}:
            return _dt.date.fromisoformat(value["__date__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _cache_path() -> Path:
    return paths.user_cache_dir() / CACHE_NAME


def _key(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_mtime_ns}|{st.st_size}"


def _read_cache() -> dict[str, Any]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_yaml(path: Path) -> Any:
    """The parsed content of a YAML file (safe loader). Raises OSError or yaml.YAMLError like a plain parse."""
    path = Path(path)
    key = _key(path)
    cache = _read_cache()
    if key in cache:
        return _decode(cache[key])
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    fresh = {k: v for k, v in cache.items() if not k.startswith(f"{path.resolve()}|")}
    fresh[key] = _encode(data)
    try:
        from desktop_app import fileio

        _cache_path().parent.mkdir(parents=True, exist_ok=True)
        fileio.write_bytes_atomic(_cache_path(), json.dumps(fresh, ensure_ascii=False).encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass  # a cache is only a speed-up
    return data
