"""Packaging files, checked fast (no bundle or wheel is built here: scripts/build-bundle.sh and
scripts/check-wheel.sh do that): the desktop entry, the AppStream metainfo, the icons, build.spec, the
changelog, and what `brain-glossary --version` says."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import desktop_app

ROOT = Path(desktop_app.__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_id_from_app_py() -> str:
    source = (ROOT / "desktop_app" / "gui" / "app.py").read_text(encoding="utf-8")
    found = re.findall(r'setDesktopFileName\(\s*"([^"]+)"\s*\)', source)
    assert len(found) == 1, "app.py should call setDesktopFileName once with a literal id"
    return found[0]


APP_ID = app_id_from_app_py()


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    path = LINUX / f"{APP_ID}.desktop"
    assert path.is_file(), f"no desktop entry named after the app id: {path}"
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser["Desktop Entry"]


def read_metainfo() -> ET.Element:
    path = LINUX / f"{APP_ID}.metainfo.xml"
    assert path.is_file(), f"no metainfo named after the app id: {path}"
    return ET.parse(path).getroot()


def test_app_id_is_reverse_dns() -> None:
    assert re.fullmatch(r"[a-z]+(\.[A-Za-z][A-Za-z0-9]*){2,}", APP_ID)


def test_desktop_entry_names_the_app_and_its_icon() -> None:
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Brain & Body Glossary"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "brain-glossary"
    assert entry["Terminal"] == "false"
    categories = entry["Categories"].rstrip(";").split(";")
    assert "Education" in categories and "MedicalSoftware" in categories
    assert entry["StartupWMClass"] == "Brain & Body Glossary"  # Qt's WM_CLASS class is the application name
    app_py = (ROOT / "desktop_app" / "gui" / "app.py").read_text(encoding="utf-8")
    assert f'setApplicationName("{entry["StartupWMClass"]}")' in app_py


def test_metainfo_names_the_same_app() -> None:
    root = read_metainfo()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("launchable").get("type") == "desktop-id"
    assert root.findtext("metadata_license") in {"CC0-1.0", "FSFAP"}
    assert root.findtext("project_license") == "MIT AND CC-BY-4.0"
    assert root.findtext("name") == read_desktop_entry()["Name"]
    assert root.findtext("summary") and not root.findtext("summary").endswith(".")
    assert len(root.find("description").findall("p")) >= 2
    assert {c.text for c in root.find("categories")} >= {"Education", "MedicalSoftware"}
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("provides/binary").text == "brain-glossary"


def test_metainfo_release_is_this_version() -> None:
    releases = read_metainfo().find("releases").findall("release")
    assert releases[0].get("version") == desktop_app.__version__, "newest release first, and it is this version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date"))


def test_metainfo_names_no_made_up_address() -> None:
    """Every URL in the metainfo must be a real, known page; the project has no public host yet."""
    text = (ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert not re.findall(r"https?://", re.sub(r"<!--.*?-->", "", text, flags=re.S))


def test_the_screenshots_the_metainfo_will_list_exist() -> None:
    made = set(re.findall(r'"([\w-]+\.png)"', (ROOT / "scripts" / "screenshots.py").read_text(encoding="utf-8")))
    for name in ("home.png", "results.png", "term.png", "crisis.png", "term-dark.png"):
        assert name in made and (ROOT / "docs" / "screenshots" / name).stat().st_size > 10_000


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icons_exist_at_every_size() -> None:
    svg = ET.parse(ICONS / "brain-glossary.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"
    for size in ICON_SIZES:
        path = ICONS / f"brain-glossary-{size}.png"
        assert path.is_file(), f"missing {path.name}"
        assert png_size(path) == (size, size), path.name


def test_build_spec_parses_and_bundles_resources_and_index() -> None:
    source = (ROOT / "build.spec").read_text(encoding="utf-8")
    compile(source, "build.spec", "exec")
    # The destinations the locator expects under sys._MEIPASS (desktop_app/paths.py).
    assert re.search(r'\(str\(RESOURCES\), "resources"\)', source)
    assert re.search(r'\(str\(manifest_path\), "index"\)', source)
    assert 'f"index/{generation}"' in source
    assert '"index", "build"' in source, "the spec builds a fresh index with the project's own builder"
    assert "hiddenimports" in source and "desktop_app.search.analysis" in source
    assert "libqxcb.so" in source and "libqoffscreen.so" in source


def test_pyproject_ships_resources_in_the_wheel_and_has_a_build_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force.get("resources") == "desktop_app/resources"
    build_extra = " ".join(project["project"]["optional-dependencies"]["build"])
    assert "pyinstaller" in build_extra.lower()
    assert project["project"]["version"] == desktop_app.__version__


def test_changelog_has_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(desktop_app.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)


@pytest.mark.parametrize("script", ["scripts/build-bundle.sh", "scripts/check-wheel.sh",
                                    "scripts/validate-desktop.sh", "packaging/linux/install-desktop.sh"])
def test_shell_scripts_parse(script: str) -> None:
    bash = shutil.which("bash")
    assert bash
    out = subprocess.run([bash, "-n", str(ROOT / script)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr


def run_version(resources: Path | None = None) -> str:
    env = dict(os.environ)
    if resources is not None:
        env["BRAIN_GLOSSARY_RESOURCES"] = str(resources)
    out = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def newest_review(terms: Path) -> str:
    dates = [m.group(1) for p in terms.glob("*.md")
             if (m := re.search(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", p.read_text(encoding="utf-8"), re.M))]
    return max(dates)


def test_version_shows_app_version_content_version_and_licences() -> None:
    text = run_version()
    newest = newest_review(ROOT / "resources" / "content" / "terms")
    assert f"brain-glossary {desktop_app.__version__} (content {newest})" in text
    assert "MIT" in text and "CC BY 4.0" in text


def test_content_version_is_the_newest_review_date(tmp_path: Path) -> None:
    res = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", res)
    terms = sorted((res / "content" / "terms").glob("*.md"))
    for i, path in enumerate(terms):
        date = "2025-03-05" if i == len(terms) // 2 else "2025-01-01"
        text = re.sub(r"^reviewed:.*$", f"reviewed: {date}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    assert "(content 2025-03-05)" in run_version(res)
