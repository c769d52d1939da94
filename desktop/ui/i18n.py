"""The interface language: choose it, install Qt translators, name the domain's values."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from ballotformat import messages
from ballotformat.resources import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
#: Chinese first: any locale that is neither Chinese nor English gets Chinese.
FALLBACK_LANGUAGE = "zh_CN"
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resources_dir() / "translations"


def language_for_locale(name: str) -> str:
    """``zh*`` → zh_CN, ``en*`` → en, anything else → zh_CN."""
    name = name.lower()
    if name.startswith("en"):
        return "en"
    return FALLBACK_LANGUAGE


def chosen_language() -> str:
    """The user's choice from the language menu, else the system locale's language."""
    saved = QSettings().value(SETTINGS_KEY, "")
    if saved in LANGUAGES:
        return str(saved)
    return language_for_locale(QLocale.system().name())


def save_language(language: str) -> None:
    QSettings().setValue(SETTINGS_KEY, language)


def install_language(language: str) -> None:
    """Replace the installed translators with ``language``'s; core messages follow too."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(f"ballotdesk_{language}", str(translations_dir())):
        _installed.append(ours)
    else:
        log.warning("no translation file for %s in %s", language, translations_dir())
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        _installed.append(qtbase)
    for translator in _installed:
        app.installTranslator(translator)
    messages.set_language(language)


def field_label(name: str) -> str:
    """A 推荐表 field's name as the core's messages call it, in the current language."""
    return messages.field_label(name)


def arg(template: str, *values: object) -> str:
    """Fill ``%1``, ``%2``… of a translated template, like ``QString.arg``."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
