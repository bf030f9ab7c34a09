"""Build, find, validate and open the on-disk search index.

Layout of an index folder (``paths.bundled_index_dir()`` or ``paths.cache_index_dir()``)::

    index/
      manifest.json        which generation is current, and what it was built from
      gen-<fp>-<stamp>/    one complete Whoosh index plus vocab.json; never modified after it is renamed here
      .build-XXXX/         a build in progress (or left by a killed builder; swept after an hour)
      .build.lock          serialises builders (advisory lock; the kernel drops it if a builder dies)

A build writes a fresh ``.build-XXXX`` folder, renames it to ``gen-…`` and only then replaces
``manifest.json`` atomically (write a temporary file, ``os.replace``). A reader therefore sees either the
old complete index or the new complete index, never half of one, and a crash at any point leaves the
previous index usable. Two processes building at once each build their own folder; the lock makes the
second one wait and then reuse the first one's result instead of building again.

Whoosh opens lazily and reports damage late and in many shapes (EOFError, struct.error, zlib.error,
UnpicklingError, ...), so :func:`open_index` validates every index it opens (document count, stored slugs,
and a probe query on each text field) and turns any failure into :class:`IndexProblem`.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Term as TermQuery

from desktop_app import __version__, fileio
from desktop_app.content.model import Category, Term
from desktop_app.search import schema as f
from desktop_app.search.analysis import analyze, words
from desktop_app.search.documents import category_ids, fingerprint, term_document

MANIFEST_NAME = "manifest.json"
VOCAB_NAME = "vocab.json"
LOCK_NAME = ".build.lock"
GEN_PREFIX = "gen-"
TMP_PREFIX = ".build-"
OLD_GENERATION_GRACE_S = 600  # a process that opened an older generation keeps it this long at least
STALE_TMP_S = 3600  # a .build-* folder this old was left by a killed builder
LOCK_WAIT_S = 300.0  # how long a second builder waits for the first before building on its own

ProgressCallback = Callable[[int, int], None]  # (terms indexed so far, total)


class IndexProblem(Exception):
    """An index cannot be used. ``kind`` is one of missing, stale, incompatible, corrupt."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Manifest:
    """What an index generation was built from. Stored as ``manifest.json``."""

    schema_version: int
    schema_signature: str  # schema.schema_signature(): fields and analysis settings
    app_version: str
    fingerprint: str  # documents.fingerprint() of the content
    doc_count: int
    generation: str  # folder name of the current generation
    probe_slug: str  # a term that must be found, to prove the index answers queries
    built_at: float  # time.time() at the end of the build
    build_seconds: float

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("manifest is not an object")
        m = cls(**{k: data[k] for k in cls.__dataclass_fields__})
        if not isinstance(m.generation, str) or not m.generation.startswith(GEN_PREFIX) or "/" in m.generation:
            raise ValueError("manifest names no valid generation")
        return m


@dataclass(frozen=True)
class ContentInfo:
    """The facts about the content an index must match."""

    fingerprint: str
    doc_count: int
    slugs: frozenset[str]


@dataclass
class OpenIndex:
    """A validated, open index: its searcher, manifest and did-you-mean vocabulary."""

    index: whoosh_index.Index
    searcher: object  # whoosh.searching.Searcher (kept untyped so no Whoosh type leaks into signatures)
    manifest: Manifest
    location: Path | None  # the index folder; None for an in-memory index
    vocab: dict[str, int]  # folded surface word -> number of terms using it
    slug_by_doc: dict[int, str] = field(default_factory=dict)  # filled by validation (it reads them anyway)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.searcher.close()  # type: ignore[attr-defined]


def content_info(terms: Mapping[str, Term], categories: Sequence[Category]) -> ContentInfo:
    return ContentInfo(fingerprint(terms, category_ids(categories)), len(terms), frozenset(terms))


# --------------------------------------------------------------------------------------------- building


def _documents(terms: Mapping[str, Term], categories: Sequence[Category]) -> Iterator[dict[str, object]]:
    cat_ids = category_ids(categories)
    for slug in sorted(terms):
        term = terms[slug]
        related = [terms[r].title if r in terms else r.replace("-", " ") for r in term.related]
        yield term_document(term, cat_ids.get(term.category, term.category), related)


def _vocabulary(terms: Mapping[str, Term]) -> dict[str, int]:
    """Folded surface words (3+ letters) -> number of terms that use them; the did-you-mean dictionary."""
    df: Counter[str] = Counter()
    for term in terms.values():
        text = " ".join([
            *term.all_names, *term.lay_terms, term.summary, *(s.heading for s in term.sections),
            *(s.body for s in term.sections),
            *(q.question + " " + q.answer for q in term.faqs),
        ])
        df.update({w for w in words(text) if len(w) >= 3 and not w.isdigit()})
    return dict(df)


def _probe_slug(terms: Mapping[str, Term]) -> str:
    return min(terms) if terms else ""


def _write_whoosh(storage_or_dir: object, terms: Mapping[str, Term], categories: Sequence[Category],
                  on_progress: ProgressCallback | None) -> None:
    schema = f.build_schema()
    if isinstance(storage_or_dir, RamStorage):
        ix = storage_or_dir.create_index(schema)
    else:
        ix = whoosh_index.create_in(str(storage_or_dir), schema)
    writer = ix.writer(limitmb=128)
    try:
        total = len(terms)
        for i, doc in enumerate(_documents(terms, categories), 1):
            writer.add_document(**doc)
            if on_progress is not None and (i % 50 == 0 or i == total):
                on_progress(i, total)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()


@contextlib.contextmanager
def build_lock(root: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[bool]:
    """Hold the folder's advisory build lock; yields whether it was obtained (False: build anyway).

    POSIX only (fcntl, through fileio.locked); elsewhere the atomic rename scheme alone keeps concurrent builds
    safe. The lock file is readable by all (0644): a bundle's index folder is shared by its users.
    """
    from desktop_app import fileio

    with fileio.locked(root / LOCK_NAME, wait_s, mode=0o644, poll_s=0.05) as got:
        yield got


def _write_atomic(path: Path, text: str) -> None:
    fileio.write_bytes_atomic(path, text.encode("utf-8"), mode=0o600)


def build_into(root: Path, terms: Mapping[str, Term], categories: Sequence[Category],
               on_progress: ProgressCallback | None = None) -> Manifest:
    """Build a new generation in ``root`` and make it current. Raises OSError if ``root`` is not writable.

    The caller should hold :func:`build_lock`.
    """
    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    info = content_info(terms, categories)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=root))
    try:
        _write_whoosh(tmp, terms, categories, on_progress)
        (tmp / VOCAB_NAME).write_text(json.dumps(_vocabulary(terms), ensure_ascii=False), encoding="utf-8")
        gen = f"{GEN_PREFIX}{info.fingerprint[:12]}-{time.time_ns()}-{os.getpid()}"
        os.rename(tmp, root / gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    manifest = Manifest(
        schema_version=f.SCHEMA_VERSION, schema_signature=f.schema_signature(), app_version=__version__, fingerprint=info.fingerprint,
        doc_count=info.doc_count, generation=gen, probe_slug=_probe_slug(terms), built_at=time.time(),
        build_seconds=round(time.perf_counter() - started, 3),
    )
    _write_atomic(root / MANIFEST_NAME, json.dumps(asdict(manifest), indent=2))
    sweep(root, keep=gen)
    return manifest


def sweep(root: Path, keep: str) -> None:
    """Delete old generations and abandoned build folders (best effort, never raises)."""
    now = time.time()
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for e in entries:
        try:
            age = now - e.stat(follow_symlinks=False).st_mtime
            old_gen = e.name.startswith(GEN_PREFIX) and e.name != keep and age > OLD_GENERATION_GRACE_S
            old_tmp = e.name.startswith(TMP_PREFIX) and age > STALE_TMP_S
            if (old_gen or old_tmp) and e.is_dir(follow_symlinks=False):
                shutil.rmtree(e.path, ignore_errors=True)
            elif e.name.startswith(".tmp-") and age > STALE_TMP_S:
                os.unlink(e.path)
        except OSError:
            continue


def sweep_at_start(root: Path) -> int:
    """Remove what killed builders left, when no live builder is at work (issue #13). Returns how many
    entries were removed; never raises.

    Only while holding the build lock without waiting: every builder holds it from its first file to the new
    manifest, so a held lock means a build in progress and nothing is touched. With the lock: every
    ``.build-*`` folder and ``.tmp-*`` file is a leftover; a generation newer than the current one was never
    made current (its builder died before writing the manifest), so no reader can have it open; an older
    one is removed after OLD_GENERATION_GRACE_S, since a reader may still use it."""
    if not (root / MANIFEST_NAME).exists() and not any(True for _ in _entries(root, TMP_PREFIX)):
        return 0
    try:
        current = read_manifest(root).generation
    except Exception:  # no manifest, or a damaged one: only the temporary leftovers are certain
        current = None
    removed = 0
    try:
        with build_lock(root, wait_s=0) as got:
            if not got:
                return 0
            now = time.time()
            current_stamp = _gen_stamp(current) if current else None
            for e in _entries(root, ""):
                try:
                    name = e.name
                    is_dir = e.is_dir(follow_symlinks=False)
                    if name.startswith(TMP_PREFIX) and is_dir:
                        shutil.rmtree(e.path, ignore_errors=True)
                    elif name.startswith(".tmp-") and not is_dir:
                        os.unlink(e.path)
                    elif name.startswith(GEN_PREFIX) and is_dir and current and name != current:
                        stamp = _gen_stamp(name)
                        never_current = stamp is not None and current_stamp is not None and stamp > current_stamp
                        old = now - e.stat(follow_symlinks=False).st_mtime > OLD_GENERATION_GRACE_S
                        if not (never_current or old):
                            continue
                        shutil.rmtree(e.path, ignore_errors=True)
                    else:
                        continue
                    removed += 1
                except OSError:
                    continue
    except OSError:
        return removed
    return removed


def _entries(root: Path, prefix: str) -> list[os.DirEntry[str]]:
    try:
        return [e for e in os.scandir(root) if e.name.startswith(prefix)]
    except OSError:
        return []


def _gen_stamp(name: str) -> int | None:
    """The build time (ns) in a generation's name: gen-<fingerprint>-<time_ns>-<pid>."""
    parts = name.split("-")
    try:
        return int(parts[-2])
    except (IndexError, ValueError):
        return None


def build_in_memory(terms: Mapping[str, Term], categories: Sequence[Category],
                    on_progress: ProgressCallback | None = None) -> OpenIndex:
    """The last resort when no folder is writable: an index in RAM for this session."""
    started = time.perf_counter()
    storage = RamStorage()
    _write_whoosh(storage, terms, categories, on_progress)
    info = content_info(terms, categories)
    manifest = Manifest(f.SCHEMA_VERSION, f.schema_signature(), __version__, info.fingerprint, info.doc_count, GEN_PREFIX + "memory",
                        _probe_slug(terms), time.time(), round(time.perf_counter() - started, 3))
    ix = storage.open_index()
    opened = OpenIndex(ix, ix.searcher(), manifest, None, _vocabulary(terms))
    _validate(opened, info)
    return opened


# ---------------------------------------------------------------------------------------------- opening


def read_manifest(root: Path) -> Manifest:
    path = root / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise IndexProblem("missing", f"no index in {root}") from exc
    except OSError as exc:
        raise IndexProblem("corrupt", f"{path} cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise IndexProblem("corrupt", f"{path} is not text") from exc
    try:
        return Manifest.from_json(text)
    except KeyError as exc:  # a readable manifest of another shape: written by another version
        raise IndexProblem("incompatible", f"{path} was written by another version (no {exc})") from exc
    except (ValueError, TypeError) as exc:
        raise IndexProblem("corrupt", f"{path} is damaged ({exc})") from exc


def check_manifest(manifest: Manifest, info: ContentInfo) -> None:
    """Raise IndexProblem unless ``manifest`` describes an index of this app for this content."""
    if (manifest.schema_version != f.SCHEMA_VERSION or manifest.schema_signature != f.schema_signature()
            or manifest.app_version != __version__):
        raise IndexProblem("incompatible", f"built by app {manifest.app_version} with schema "
                           f"{manifest.schema_version}; this is app {__version__}, schema {f.SCHEMA_VERSION}")
    if manifest.fingerprint != info.fingerprint:
        raise IndexProblem("stale", "the glossary content has changed since the index was built")


def _validate(opened: OpenIndex, info: ContentInfo) -> None:
    """Prove the index answers: count, every stored slug, and a probe query on each text field."""
    s = opened.searcher
    m = opened.manifest
    count = s.doc_count()  # type: ignore[attr-defined]
    if count != m.doc_count or count != info.doc_count:
        raise IndexProblem("corrupt", f"holds {count} terms; expected {info.doc_count}")
    opened.slug_by_doc = {n: d.get(f.SLUG) for n, d in s.reader().iter_docs()}  # type: ignore[attr-defined]
    if set(opened.slug_by_doc.values()) != set(info.slugs):
        raise IndexProblem("corrupt", "its terms do not match the glossary")
    if not m.probe_slug:
        return
    hits = s.search(TermQuery(f.SLUG, m.probe_slug), limit=1)  # type: ignore[attr-defined]
    if len(hits) != 1 or hits[0].get(f.SLUG) != m.probe_slug:
        raise IndexProblem("corrupt", "the probe term is not found")
    docnum = hits[0].docnum
    stored_doc = hits[0].get(f.DOC) or {}
    title_terms = analyze(str(stored_doc.get("title", "")))
    if title_terms:
        got = s.search(TermQuery(f.TITLE, title_terms[0]), limit=None)  # type: ignore[attr-defined]
        if docnum not in {h.docnum for h in got}:
            raise IndexProblem("corrupt", "the probe query does not find the probe term")
    # Touch the postings of every text field once: damage in any of them shows up now, not mid-search.
    reader = s.reader()  # type: ignore[attr-defined]
    for name in f.TEXT_FIELDS:
        with contextlib.suppress(StopIteration):
            first = next(iter(reader.lexicon(name)))
            if reader.doc_frequency(name, first) < 1:
                raise IndexProblem("corrupt", f"field {name} has an empty term")
            list(reader.postings(name, first).all_ids())


def open_index(root: Path, info: ContentInfo) -> OpenIndex:
    """Open and validate the current generation in ``root``; raise IndexProblem if it cannot be trusted."""
    manifest = read_manifest(root)
    check_manifest(manifest, info)
    gen_dir = root / manifest.generation
    if not gen_dir.is_dir():
        raise IndexProblem("corrupt", f"{gen_dir} is missing")
    # Whoosh drops open files when it fails on a damaged one; their ResourceWarning is its, not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        problem = _try_open(gen_dir, manifest, root, info)
        if isinstance(problem, OpenIndex):
            return problem
        _release_leaked_files()  # outside the except block, so the traceback no longer holds the files
    raise problem


def _try_open(gen_dir: Path, manifest: Manifest, root: Path, info: ContentInfo) -> OpenIndex | IndexProblem:
    opened: OpenIndex | None = None
    try:
        ix = whoosh_index.open_dir(str(gen_dir), readonly=True)
        if set(ix.schema.names()) != set(f.build_schema().names()):
            return IndexProblem("incompatible", "its fields differ from this app's")
        vocab = json.loads((gen_dir / VOCAB_NAME).read_text(encoding="utf-8"))
        if not isinstance(vocab, dict):
            return IndexProblem("corrupt", "its vocabulary is damaged")
        opened = OpenIndex(ix, ix.searcher(), manifest, root, vocab)
        _validate(opened, info)
        return opened
    except IndexProblem as p:
        if opened is not None:
            opened.close()
        return p
    except Exception as exc:  # Whoosh reports damage in many shapes; see the module docstring
        if opened is not None:
            opened.close()
        return IndexProblem("corrupt", f"{type(exc).__name__}: {exc}"[:300])


def _release_leaked_files() -> None:
    """Collect the files Whoosh left open on a damaged index now, so their handles are released (on Windows an
    open handle would block deleting that generation)."""
    gc.collect()
