#!/usr/bin/env python3
"""Refresh the interface translations: lupdate over desktop/ui, then lrelease to .qm.

    .venv/bin/python tools/update_translations.py

New strings appear in ``resources/translations/ballotdesk_<lang>.ts`` as unfinished; translate
them in Qt Linguist (``pyside6-linguist``) or in the XML, then run this again to compile.
English is the source language: its unfinished entries are filled with the source text (numerus
forms "(s)" and "y(ies)" become singular/plural), so only Chinese needs a translator.
tests/ui/test_translations.py fails while any string is untranslated or a .qm is stale.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = ROOT / "desktop" / "ui"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else name


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"ballotdesk_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"ballotdesk_{language}.qm"


def source_files() -> list[str]:
    return [str(path.relative_to(ROOT)) for path in sorted(SOURCES_DIR.rglob("*.py"))]


def lupdate(ts: Path, language: str) -> None:
    """Merge the current source strings into ``ts`` (dropping vanished ones)."""
    subprocess.run(
        [tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", language, "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def fill_english(ts: Path) -> int:
    """English translations equal the source; "(s)" numerus strings get both forms."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if translation is None or translation.get("type") != "unfinished":
            continue
        del translation.attrib["type"]
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            singular = source.replace("y(ies)", "y").replace("(s)", "")
            plural = source.replace("y(ies)", "ies").replace("(s)", "s")
            for text in (singular, plural):
                ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = source
        filled += 1
    if filled:
        ET.indent(tree, space="    ")
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    return [m.findtext("source", "") for m in tree.iter("message")
            if (t := m.find("translation")) is not None and t.get("type") == "unfinished"]


def main() -> int:
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_path(language)
        lupdate(ts, language)
        if language == "en":
            fill_english(ts)
        lrelease(ts, qm_path(language))
        left = unfinished(ts)
        print(f"{ts.name}: {len(left)} unfinished")
        for source in left:
            print(f"    {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
