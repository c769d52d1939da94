"""What an online export's columns and option texts mean: the wizard page that shows and edits
the core's analysis (``Online.analyse``, run in the background), and the meanings a column
can be given.

The analysis is the core's preview of the file with the mapping so far, plus every distinct
option text of the choice columns with the candidate it matched and how, from one reading of
the file. The page shows what was understood; the user may set a column's meaning or pick the
candidate of an option text. The core saves the mapping at commit, for the next file of the
same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ballotformat.messages import current_language, list_separator
from desktop.core.online import (
    CATEGORY,
    CHOICE,
    IGNORE,
    IP,
    NAME,
    NUMBER,
    OPTION,
    TIME,
    VOTER,
    VOTES,
    Mapping,
    MappingAnalysis,
    OnlinePreview,
    OptionRow,
)
from desktop.core.registry import CandidateInfo
from desktop.core.services import Services
from desktop.ui.background import run_in_background
from desktop.ui.feedback import ERROR_STYLE, messages_text
from desktop.ui.i18n import arg
from desktop.ui.import_frame import PreviewStatus
from desktop.ui.models.online_models import candidate_label
from desktop.ui.models.preview_model import ERROR_BACKGROUND
from desktop.ui.tables import keyed_widget

#: Errors listed on the mapping page (the preview lists them all).
LISTED_ERRORS = 5


@dataclass(frozen=True)
class Analysis:
    """The core's analysis of the file (``Online.analyse``), and the candidates to pick from."""

    found: MappingAnalysis
    candidates: tuple[CandidateInfo, ...]

    @property
    def preview(self) -> OnlinePreview:
        return self.found.preview

    @property
    def options(self) -> tuple[OptionRow, ...]:
        return self.found.options

    def sample(self, header: str) -> str:
        """A column's first cells, as one text."""
        return list_separator().join(self.found.samples.get(header, ()))


def analyse(services: Services, campaign_id: int, path: Path, source: str,
            mapping: Mapping | None, encoding: str | None = None) -> Analysis:
    """The core's analysis (the file read once) and the campaign's candidates."""
    return Analysis(services.online.analyse(campaign_id, path, source, mapping, encoding),
                    tuple(services.candidates.list(campaign_id)))


class MeaningChoices:
    """What a column can mean, as combo entries: the plain meanings, the choices of each
    category, and a 1/0 column for each candidate."""

    def __init__(self, services: Services, campaign_id: int) -> None:
        # Spelled out: lupdate reads a two-argument alias as tr(text, comment).
        self.entries: list[tuple[str, str]] = [
            (IGNORE, QCoreApplication.translate("Meaning", "not used")),
            (NUMBER, QCoreApplication.translate("Meaning", "candidate number")),
            (NAME, QCoreApplication.translate("Meaning", "candidate name")),
            (VOTES, QCoreApplication.translate("Meaning", "votes")),
            (TIME, QCoreApplication.translate("Meaning", "vote time")),
            (VOTER, QCoreApplication.translate("Meaning", "voter")),
            (IP, QCoreApplication.translate("Meaning", "IP address")),
            (CATEGORY, QCoreApplication.translate("Meaning", "category")),
            (CHOICE, QCoreApplication.translate("Meaning", "options chosen (any category)"))]
        for category in services.registry.list_categories(campaign_id):
            self.entries.append((f"{CHOICE}:{category.name}", arg(QCoreApplication.translate(
                "Meaning", "options chosen in %1"), category.name)))
        for candidate in services.candidates.list(campaign_id):
            self.entries.append((f"{OPTION}:{candidate_ref(candidate)}", arg(
                QCoreApplication.translate("Meaning", "1/0 for %1"), candidate_label(candidate))))
        self._labels = dict(self.entries)

    def label(self, meaning: str) -> str:
        return self._labels.get(meaning, meaning)

    def combo(self, meaning: str) -> QComboBox:
        combo = QComboBox()
        for value, text in self.entries:
            combo.addItem(text, value)
        if combo.findData(meaning) < 0:
            combo.addItem(meaning, meaning)  # a meaning written by hand, kept as it is
        combo.setCurrentIndex(combo.findData(meaning))
        return combo



class MappingWizard(Protocol):
    """The online import wizard as its mapping page sees it (OnlineWizard implements it)."""

    services: Services
    campaign_id: int
    #: The encoding chosen for a text file (None: the detected one).
    encoding: str | None
    meanings: MeaningChoices

    def path(self) -> Path: ...
    def source(self) -> str: ...


class MappingPage(QWizardPage):
    """Shows what the file's columns and option texts were taken to mean; edits them."""

    def __init__(self, wizard: MappingWizard, parent: QWidget) -> None:
        super().__init__(parent)
        self.owner = wizard
        self.analysis: Analysis | None = None
        self._generation = 0
        #: What the user set: header → meaning, option text → candidate reference.
        self.columns: dict[str, str] = {}
        self.options: dict[str, str] = {}
        #: The mapping of the last analysis (saved, guessed or edited), which edits amend.
        self.base: Mapping | None = None
        self.setTitle(self.tr("What the columns mean"))
        self.setSubTitle(self.tr("Check how the file was understood. Set a column's meaning or "
                                 "pick the candidate of an option; the mapping is kept for the "
                                 "next file with the same headers."))
        self.summary = PreviewStatus()
        self.edit_button = QPushButton(self.tr("Edit the column meanings"))
        self.edit_button.setCheckable(True)
        self.edit_button.toggled.connect(self._update_visibility)
        self.column_table = self._table((self.tr("Column"), self.tr("First cells"),
                                         self.tr("Meaning")))
        self.option_label = QLabel(self.tr("Options and the candidates they matched:"))
        self.option_table = self._table((self.tr("Option"), self.tr("Column"),
                                         self.tr("Times"), self.tr("Matched by"),
                                         self.tr("Candidate")))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        #: What joins chosen options besides the usual separators (wjx: ┋), as learned from
        #: the data or typed; '' for none.
        self.separator = QLineEdit()
        self.separator.setMaxLength(1)
        self.separator.setMaximumWidth(60)
        self.separator.editingFinished.connect(self._set_separator)
        self.separator_set = False
        #: The encodings that decode the file, when more than one does.
        self.encoding = QComboBox()
        self.encoding.activated.connect(self._set_encoding)
        form = QFormLayout()
        form.addRow(self.tr("Options are also separated by:"), self.separator)
        form.addRow(self.tr("Read the file as:"), self.encoding)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.column_table, 2)
        layout.addWidget(self.option_label)
        layout.addWidget(self.option_table, 3)
        layout.addWidget(self.problems)

    @staticmethod
    def _table(headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def initializePage(self) -> None:
        self.columns, self.options, self.base = {}, {}, None
        self.separator_set = False
        self.edit_button.setChecked(False)
        self.run_analysis()

    def mapping(self) -> Mapping | None:
        """The mapping to preview with: None when nothing was changed (the core then uses the
        saved mapping or its own guess)."""
        if not (self.columns or self.options or self.separator_set):
            return None
        base = self.base or Mapping()
        separator = self.separator.text().strip() if self.separator_set else base.separator
        return Mapping({**base.columns, **self.columns}, {**base.options, **self.options},
                       separator)

    def run_analysis(self) -> None:
        self.analysis = None
        self.completeChanged.emit()
        self.summary.reading()
        services, campaign_id = self.owner.services, self.owner.campaign_id
        path, source, mapping = self.owner.path(), self.owner.source(), self.mapping()
        encoding = self.owner.encoding
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: analyse(services, campaign_id, path, source, mapping, encoding),
                          lambda result: self.show_analysis(result, generation),
                          self.analysis_failed)

    def analysis_failed(self, exc: Exception) -> None:
        self.problems.clear()
        self.summary.unreadable(exc)

    def show_analysis(self, analysis: Analysis, generation: int) -> None:
        if generation != self._generation:
            return  # overtaken by a newer analysis
        self.analysis = analysis
        preview = analysis.preview
        self.base = preview.mapping
        meanings = {h: preview.mapping.meaning(h) or IGNORE for h in preview.headers if h}
        understood = [f"{h} → {self.owner.meanings.label(m)}"
                      for h, m in meanings.items() if m != IGNORE]
        if preview.mapping_origin == "saved":
            text = self.tr("The mapping saved for files with these headers was applied.")
        elif preview.mapping_origin == "file" or self.columns or self.options:
            text = self.tr("Your mapping is applied.")
        else:
            text = self.tr("The columns were recognised from their headers.")
        if preview.mapping.separator:
            text += "\n" + arg(self.tr("Chosen options are separated by “%1”."),
                               preview.mapping.separator)
        self.separator.setText(preview.mapping.separator)
        others = [m.params["other"] for m in preview.messages
                  if m.code == "encoding_alternative"]
        self.encoding.clear()
        for encoding in (preview.encoding, *others):
            self.encoding.addItem(str(encoding), encoding)
        self._form.setRowVisible(self.encoding, bool(others))
        between = "; " if current_language() == "en" else "；"
        self.summary.read(text + "\n" + between.join(understood) if understood else text)
        self._fill_columns(meanings, analysis)
        self._fill_options(analysis)
        errors = [m for m in preview.errors if m.code != "online_already_imported"]
        shown = messages_text(errors[:LISTED_ERRORS])
        if len(errors) > LISTED_ERRORS:
            shown += "\n" + arg(self.tr("… and %1 more"), len(errors) - LISTED_ERRORS)
        self.problems.setText(shown)
        self.edit_button.setChecked(self.edit_button.isChecked() or bool(self.columns) or any(
            m.code in ("online_no_vote_columns", "online_no_candidate_column") for m in errors))
        self._update_visibility()
        self.completeChanged.emit()

    def _fill_columns(self, meanings: dict[str, str], analysis: Analysis) -> None:
        table = self.column_table
        table.setRowCount(len(meanings))
        for row, (header, meaning) in enumerate(meanings.items()):
            table.setItem(row, 0, QTableWidgetItem(header))
            table.setItem(row, 1, QTableWidgetItem(analysis.sample(header)))
            combo = self.owner.meanings.combo(meaning)
            combo.activated.connect(lambda _i, h=header, c=combo: self._set_meaning(h, c))
            table.setCellWidget(row, 2, combo)

    def _fill_options(self, analysis: Analysis) -> None:
        table = self.option_table
        table.setRowCount(len(analysis.options))
        how_labels = {"number": self.tr("number"), "name": self.tr("exact name"),
                      "normalised": self.tr("normalised name"),
                      "aside": self.tr("name without aside"), "mapping": self.tr("mapping"),
                      "": self.tr("unmatched")}
        by_id = {c.id: c for c in analysis.candidates}
        for row, option in enumerate(analysis.options):
            cells = (option.text, option.column, str(option.count), how_labels[option.how])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if option.candidate_id is None:
                    item.setBackground(ERROR_BACKGROUND)
                table.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(self.tr("— choose the candidate —"), None)
            for candidate in analysis.candidates:
                combo.addItem(candidate_label(candidate), candidate.id)
            chosen = self.options.get(option.text)
            current = option.candidate_id
            if chosen is not None:
                current = next((c.id for c in analysis.candidates
                                if candidate_ref(c) == chosen), current)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.activated.connect(lambda _i, t=option.text, c=combo, b=by_id:
                                    self._set_option(t, c, b))
            table.setCellWidget(row, 4, combo)
        self.option_label.setVisible(bool(analysis.options))
        self.option_table.setVisible(bool(analysis.options))

    def _set_meaning(self, header: str, combo: QComboBox) -> None:
        self.columns[header] = combo.currentData()
        self.run_analysis()

    def _set_encoding(self) -> None:
        self.owner.encoding = str(self.encoding.currentData())
        self.run_analysis()

    def _set_separator(self) -> None:
        if self.base is not None and self.separator.text().strip() == self.base.separator:
            return
        self.separator_set = True
        self.run_analysis()

    def _set_option(self, text: str, combo: QComboBox, by_id: dict[int, CandidateInfo]) -> None:
        candidate = by_id.get(combo.currentData())
        if candidate is None:
            self.options.pop(text, None)
        else:
            self.options[text] = candidate_ref(candidate)

    def _update_visibility(self) -> None:
        self.column_table.setVisible(self.edit_button.isChecked())

    # -- for tests and the controller ------------------------------------------------------
    def meaning_combo(self, header: str) -> QComboBox:
        return keyed_widget(self.column_table, header, 2, QComboBox)

    def option_combo(self, text: str) -> QComboBox:
        return keyed_widget(self.option_table, text, 4, QComboBox)

    def isComplete(self) -> bool:
        return self.analysis is not None


def candidate_ref(candidate: CandidateInfo) -> str:
    """How a mapping names a candidate (as ``online_match.CandidateRef.ref``)."""
    key = candidate.number if candidate.number is not None else candidate.name
    return f"{candidate.category}/{key}"
