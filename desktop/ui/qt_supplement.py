"""Qt's own strings that its Simplified Chinese translation (qtbase_zh_CN.qm) lacks.

Qt 6 added mnemonics to two labels of its file dialog ("&Look in:", "Files of &type:") and
the shipped Chinese still has only the old texts, so the dialog shows them in English. Listed
here, lupdate puts them into our .ts under Qt's own context, and our translator (installed
beside Qt's, see :func:`desktop.ui.i18n.install_language`) supplies them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
