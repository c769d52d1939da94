"""What the import wizards (candidates, online votes, expert scores) share: the file page first,
the result page last with no way back from it, and one way of showing what the commit did.

Each wizard adds its own pages in between and says, in :meth:`ImportFrame.commit_work`, how it
commits and how it words the result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ballotformat.messages import RuleError
from desktop.core.services import Services
from desktop.ui.background import run_job
from desktop.ui.feedback import ERROR_STYLE, messages_text
from desktop.ui.i18n import arg

TABLE_SUFFIXES = (".xlsx", ".xls", ".et", ".csv", ".txt")


class PreviewStatus(QLabel):
    """The line above an import's preview: reading, what was read, or why the file cannot be
    read. The reason stays on the page in the error colour, where the user looks next, in all
    three wizards; an exception that is not a refusal is a defect and reaches the excepthook."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def reading(self) -> None:
        self.read(self.tr("Reading the file…"))

    def read(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)

    def unreadable(self, exc: Exception) -> None:
        if not isinstance(exc, RuleError):
            raise exc
        self.setStyleSheet(ERROR_STYLE)
        self.setText(self.tr("The file cannot be read.") + "\n" + messages_text(exc.messages))


class FilePage(QWizardPage):
    """The table to import; each wizard gives the page its subtitle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose a file"))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.path.textChanged.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch()

    def browse(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in TABLE_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), "", arg(self.tr("Tables (%1)"), patterns))
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()


class ResultPage(QWizardPage):
    """Runs the wizard's commit as a job (:func:`run_job`: its progress dialog over the page
    while it writes) and shows its words. A refusal shows
    "Nothing was imported." and the reasons, in the error colour; anything else reaches the
    app's error handling."""

    def __init__(self, wizard: ImportFrame) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Import"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch()

    def initializePage(self) -> None:
        text = self.tr("Importing…")
        self.label.setText(text)
        work = self.owner.commit_work()
        run_job(self, self.tr("Import"), text, lambda _report: work(), self.show_result,
                failed=self.refused)

    def show_result(self, text: str) -> None:
        self.owner.result_text = text
        self.label.setText(text)
        self.completeChanged.emit()

    def refused(self, exc: Exception) -> None:
        if not isinstance(exc, RuleError):
            raise exc  # reaches sys.excepthook and its error dialog
        self.label.setStyleSheet(ERROR_STYLE)
        self.label.setText(self.tr("Nothing was imported.") + "\n" + messages_text(exc.messages))

    def isComplete(self) -> bool:
        return self.owner.result_text is not None


class ImportFrame(QWizard):
    """An import wizard: ``add_pages(file_page, ...)`` puts the file page first and the result
    page last; ``result_text`` is set once something was imported."""

    file_page: FilePage

    def __init__(self, services: Services, campaign_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaign_id = campaign_id
        self.result_text: str | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage)
        self.result_page = ResultPage(self)

    def add_pages(self, file_page: FilePage, *pages: QWizardPage) -> None:
        self.file_page = file_page
        for page in (file_page, *pages, self.result_page):
            self.addPage(page)

    def path(self) -> Path:
        return Path(self.file_page.path.text().strip())

    def commit_work(self) -> Callable[[], str]:
        """The commit, taken from the pages on the GUI thread, as work for the background that
        touches no widget and gives the words for the result."""
        raise NotImplementedError
