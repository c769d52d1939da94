"""The nomination form (推荐表) of one candidate: every field, a summary counter, the photo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ballotformat.messages import RuleError, error
from desktop.core.enums import CandidateKind, Sex
from desktop.core.labels import label
from desktop.core.registry import CandidateFields, CandidateInfo, CategoryInfo, parse_birth
from desktop.core.services import Services
from desktop.ui.dialogs.photo_box import PhotoBox
from desktop.ui.feedback import ERROR_COLOUR, run_checked, save_checked, show_refusal
from desktop.ui.i18n import arg

#: Common answers for 政治面貌; the field stays free text.
POLITICAL_CHOICES = ("中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众")
MAX_NUMBER = 9999


class CandidateDialog(QDialog):
    """Add (``candidate=None``) or edit a candidate. ``saved`` holds the result after OK."""

    def __init__(self, services: Services, campaign_id: int,
                 candidate: CandidateInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaign_id = campaign_id
        self.candidate = candidate
        self.saved: CandidateInfo | None = None
        self.summary_limit = services.registry.get_campaign(campaign_id).summary_max_chars
        self.categories: list[CategoryInfo] = services.registry.list_categories(campaign_id)
        self.setWindowTitle(arg(self.tr("Candidate: %1"), candidate.name) if candidate
                            else self.tr("New candidate"))
        self._build()
        if candidate is not None:
            self._load(candidate)
        self._category_changed()
        self._count_summary()

    def _build(self) -> None:
        self.category = QComboBox()
        for category in self.categories:
            self.category.addItem(category.name, category)
        self.unit = QComboBox()
        for unit in self.services.registry.list_units(self.campaign_id):
            self.unit.addItem(unit.name, unit)
        self.number = QSpinBox()
        self.number.setRange(0, MAX_NUMBER)
        self.number.setSpecialValueText(self.tr("(none)"))
        self.name = QLineEdit()
        self.sex = QComboBox()
        self.sex.addItem("", None)
        for sex in Sex:
            self.sex.addItem(label(sex), sex)
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("e.g. 1985-06"))
        self.political = QComboBox()
        self.political.setEditable(True)
        self.political.addItems(("", *POLITICAL_CHOICES))
        self.post = QLineEdit()
        self.awards = QPlainTextEdit()
        self.awards.setFixedHeight(60)
        self.summary = QPlainTextEdit()
        self.summary.setMinimumHeight(140)
        self.counter = QLabel()
        self.photo = PhotoBox(self.services.candidates.photo(self.candidate.id)
                              if self.candidate and self.candidate.has_photo else None)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.summary.textChanged.connect(self._count_summary)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Nominating unit"), self.unit)
        self.form.addRow(self.tr("Number"), self.number)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Sex"), self.sex)
        self.form.addRow(self.tr("Date of birth"), self.birth)
        self.form.addRow(self.tr("Political affiliation"), self.political)
        self.form.addRow(self.tr("Work unit and post"), self.post)
        self.form.addRow(self.tr("Awards"), self.awards)
        self.form.addRow(self.tr("Summary of deeds"), self.summary)
        self.form.addRow("", self.counter)
        self.form.addRow(self.tr("Photo"), self.photo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.resize(620, 760)

    def _load(self, c: CandidateInfo) -> None:
        self.category.setCurrentIndex(max(0, self.category.findText(c.category)))
        self.unit.setCurrentIndex(max(0, self.unit.findText(c.unit)))
        self.number.setValue(c.number or 0)
        self.name.setText(c.name)
        self.sex.setCurrentIndex(max(0, self.sex.findData(c.sex)))
        self.birth.setText(c.birth or "")
        self.political.setCurrentText(c.political)
        self.post.setText(c.post)
        self.awards.setPlainText(c.awards)
        self.summary.setPlainText(c.summary)

    def _category_changed(self) -> None:
        """Sex, birth and party only belong on a person's form."""
        category: CategoryInfo | None = self.category.currentData()
        person = category is None or category.kind == CandidateKind.PERSON
        for widget in (self.sex, self.birth, self.political):
            self.form.setRowVisible(widget, person)
        label = self.form.labelForField(self.post)
        assert isinstance(label, QLabel)
        label.setText(self.tr("Work unit and post") if person else self.tr("Organisation"))

    def _count_summary(self) -> None:
        length = len(self.summary.toPlainText().strip())
        self.counter.setText(arg(self.tr("%1 / %2 characters"), length, self.summary_limit))
        colour = ERROR_COLOUR if length > self.summary_limit else "#666666"
        self.counter.setStyleSheet(f"color: {colour};")

    def fields(self) -> CandidateFields:
        """The form as the rules see it; an unreadable date of birth is refused here."""
        birth_text = self.birth.text().strip()
        birth = parse_birth(birth_text) if birth_text else None
        if birth_text and birth is None:
            raise RuleError([error("invalid_value", field="birth", value=birth_text)])
        return CandidateFields(
            name=self.name.text(), category=self.category.currentText(),
            unit=self.unit.currentText(), number=self.number.value() or None,
            sex=self.sex.currentData(), birth=birth,
            political=self.political.currentText(), post=self.post.text(),
            awards=self.awards.toPlainText(), summary=self.summary.toPlainText(),
        )

    def save(self) -> None:
        try:
            fields = self.fields()
        except RuleError as exc:
            show_refusal(self, exc)
            return
        service = self.services.candidates
        if self.candidate is None:
            saved = save_checked(self, lambda accept: service.add(
                self.campaign_id, fields, accept_warnings=accept))
        else:
            candidate_id = self.candidate.id
            saved = save_checked(self, lambda accept: service.update(
                candidate_id, fields, accept_warnings=accept))
        if saved is None:
            return
        self.saved = saved
        if self.photo.chosen is not None:
            path = self.photo.chosen
            run_checked(self, lambda: service.set_photo(saved.id, path))
        elif self.photo.removed:
            service.remove_photo(saved.id)
        self.accept()
