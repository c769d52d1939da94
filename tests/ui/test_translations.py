"""Both translations are complete for every string in desktop/ui, and the .qm files current."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tools.update_translations import (
    LANGUAGES,
    ROOT,
    lrelease,
    qm_path,
    source_files,
    tool,
    ts_path,
)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in tree.iter("context") for message in context.iter("message")
    }


@pytest.fixture(scope="module")
def current_sources(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """What lupdate finds in the code today, extracted into a fresh .ts."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run([tool("pyside6-lupdate"), *source_files(), "-ts", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True)
    found = set(messages(fresh))
    assert len(found) > 100
    return found


def finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    texts = [f.text for f in forms] if message.get("numerus") == "yes" else [translation.text]
    return bool(texts) and all(texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_translated(language: str, current_sources: set[tuple[str, str]]) -> None:
    committed = messages(ts_path(language))
    missing = sorted(current_sources - set(committed))
    assert not missing, f"run tools/update_translations.py; not in {language}: {missing}"
    unfinished = sorted(key for key in current_sources if not finished(committed[key]))
    assert not unfinished, f"untranslated in ballotdesk_{language}.ts: {unfinished}"


def test_chinese_is_chinese() -> None:
    committed = messages(ts_path("zh_CN"))
    same = [source for (_context, source), message in committed.items()
            if message.findtext("translation") == source and source.isascii()
            and any(c.isalpha() for c in source)]
    assert not same, f"English left in the Chinese translation: {same}"


def test_english_numerus_forms() -> None:
    committed = messages(ts_path("en"))
    forms = [f.text for f in committed[("MainWindow", "%n candidates")].iter("numerusform")]
    assert forms == ["%n candidate", "%n candidates"]
    forms = [f.text for f in committed[("AuditPage", "%n entry(ies)")].iter("numerusform")]
    assert forms == ["%n entry", "%n entries"]
    bracketed = [form.text for message in committed.values()
                 for form in message.iter("numerusform") if "(" in (form.text or "")
                 and ("(s)" in (form.text or "") or "(ies)" in (form.text or ""))]
    assert not bracketed, bracketed
    plain = [source for (_context, source), message in committed.items()
             if message.get("numerus") != "yes" and ("(s)" in source or "(ies)" in source)]
    assert not plain, f"counts that English cannot inflect (use %n): {plain}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_qm_matches_ts(language: str, tmp_path: Path) -> None:
    ts = tmp_path / ts_path(language).name
    shutil.copy(ts_path(language), ts)
    fresh = tmp_path / "fresh.qm"
    lrelease(ts, fresh)
    assert fresh.read_bytes() == qm_path(language).read_bytes(), (
        f"{qm_path(language).name} is stale: run tools/update_translations.py")
