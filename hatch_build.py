"""Hatchling build hook: a prebuilt search index inside the wheel (issue #17).

While the wheel is built (from a checkout or from the sdist), this checks the content and builds the search
index from ``resources/`` with the project's own builder (``python -m desktop_app index build``), then adds
it to the wheel as ``desktop_app/index/`` (``manifest.json`` plus its one generation). At run time
``desktop_app.paths`` opens it while it is fresh; when it is not (other content, another schema or app
version), the app rebuilds into the user cache, never into site-packages.

Editable installs are left alone: a checkout keeps its index in ``<repo>/index``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class IndexBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        resources = root / "resources"
        if not (resources / "content" / "terms").is_dir():
            raise RuntimeError(f"hatch_build.py: no content in {resources / 'content' / 'terms'}")
        self._scratch = tempfile.mkdtemp(prefix="bbg-wheel-index-")
        index = Path(self._scratch) / "index"
        env = dict(os.environ, BRAIN_GLOSSARY_INDEX_DIR=str(index), BRAIN_GLOSSARY_RESOURCES=str(resources),
                   BRAIN_GLOSSARY_CACHE_DIR=str(Path(self._scratch) / "cache"),
                   BRAIN_GLOSSARY_DATA_DIR=str(Path(self._scratch) / "data"), PYTHONPATH=str(root))

        def app(*args: str) -> None:
            done = subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=root, env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"hatch_build.py: `brain-glossary {' '.join(args)}` failed "
                                   f"({done.returncode}):\n{done.stdout}{done.stderr}")
            self.app.display_info(done.stdout.strip())

        # An invalid term would silently be left out of the index: refuse, as build.spec does.
        app("check", "--quiet")
        app("index", "build")
        app("index", "check")
        if not (index / "manifest.json").is_file():
            raise RuntimeError(f"hatch_build.py: the index builder wrote no {index / 'manifest.json'}")
        for leftover in index.glob(".*"):  # the build lock file; nothing else starts with a dot
            if leftover.is_file():
                leftover.unlink()
        # The builder makes private files (0600/0700); an installed index must be readable by every user.
        for path in [index, *index.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        build_data["force_include"][str(index)] = "desktop_app/index"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
