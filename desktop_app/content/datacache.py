"""Read small YAML data files (categories, crisis regions) through a JSON cache.

Importing PyYAML costs ~15 ms, and the window needs these two files before its first paint. The first
read parses the YAML and stores the result in the user cache folder as JSON, keyed by the file's path
and the SHA-256 of its bytes; later starts read the file's bytes, hash them and use the JSON only when the
hash matches (the json module is loaded anyway). So the cache never outranks the file: an edited file
whose modification time and size were kept, a cache copied from another install or an entry edited by
hand under an old key is simply not used. A missing, stale or damaged cache is ignored and rewritten, and
a cache that cannot be written (read-only home, full disk) only costs the YAML parse. Dates are stored
as {"__date__": "YYYY-MM-DD"}. ``brain-glossary check`` never uses the cache (``use_cache=False``).
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


MAX_SOURCE_BYTES = 1024 * 1024  # categories.yaml and regions.yaml are a few KB


def _sha256(data: bytes) -> str:
    try:  # the built-in module: hashlib (OpenSSL) costs ~4 ms before the first paint
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - 3.12+ names it _sha2
        try:
            from _sha2 import sha256  # type: ignore[no-redef]
        except ImportError:
            from hashlib import sha256
    return sha256(data).hexdigest()


def _key(path: Path, data: bytes) -> str:
    return f"{path.resolve()}|sha256:{_sha256(data)}"


def _read_cache() -> dict[str, Any]:
    try:
        from desktop_app import fileio

        data = json.loads(fileio.read_regular(_cache_path(), 8 * MAX_SOURCE_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_yaml(path: Path, use_cache: bool = True) -> Any:
    """The parsed content of a YAML file (safe loader). Raises OSError, UnicodeDecodeError or yaml.YAMLError
    like a plain parse. With ``use_cache=False`` (``check``) the file is always parsed and the cache untouched."""
    from desktop_app import fileio

    path = Path(path)
    raw = fileio.read_regular(path, MAX_SOURCE_BYTES, follow_links=True)
    key = _key(path, raw)
    cache = _read_cache() if use_cache else {}
    if key in cache:
        return _decode(cache[key])
    import yaml

    data = yaml.load(raw.decode("utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe
    if not use_cache:
        return data
    fresh = {k: v for k, v in cache.items() if not k.startswith(f"{path.resolve()}|")}
    fresh[key] = _encode(data)
    try:
        _cache_path().parent.mkdir(parents=True, exist_ok=True)
        fileio.write_bytes_atomic(_cache_path(), json.dumps(fresh, ensure_ascii=False).encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass  # a cache is only a speed-up
    return data
