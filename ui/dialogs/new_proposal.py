"""A new proposal from a template: choose its kind and language, type its title.

The body is the template's text, with the placeholders (【请填写】 / [fill in]) the user
replaces in the editor. OK creates the proposal (its first version) and keeps its id in
`created_id`; an error is shown and the dialog stays open, nothing created.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from consult.errors import ConsultError
from consult.library import Library
from consult.model import Kind
from consult.templates import LANGUAGES, load_template
from ui import fonts, translations
from ui.accessibility import describe
from ui.fonts import text_font
from ui.library_model import kind_label

# Languages are named in their own language (an endonym), whatever the interface language.
_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


class NewProposalDialog(QDialog):
    """Create a proposal from a template; after OK, `created_id` is the new proposal's id."""

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        kind: Kind | str = Kind.MOTION,
        lang: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.created_id: str | None = None
        self._template_title = ""
        self._body = ""
        self.setObjectName("newProposalDialog")
        self.setWindowTitle(self.tr("New proposal"))

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("templateKindCombo")
        describe(
            self.kind_combo,
            self.tr("Kind"),
            self.tr("The kind of proposal; its template gives the text its standard sections"),
        )
        for k in Kind:
            self.kind_combo.addItem(kind_label(k.value), k.value)
        self.lang_combo = QComboBox(self)
        self.lang_combo.setObjectName("templateLanguageCombo")
        describe(
            self.lang_combo,
            self.tr("Language"),
            self.tr("The language of the template the text starts from"),
        )
        for code in LANGUAGES:
            self.lang_combo.addItem(_LANGUAGE_NAMES.get(code, code), code)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newTitleEdit")
        self.title_edit.setClearButtonEnabled(True)
        describe(self.title_edit, self.tr("Title"), self.tr("The new proposal's title"))
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        describe(
            self.preview,
            self.tr("Template text"),
            self.tr("The text the new proposal starts with; it is edited after it is created"),
        )
        self.preview.setFont(text_font(fonts.SANS))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("templateProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Language:"), self.lang_combo)
        form.addRow(self.tr("&Title:"), self.title_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        create = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText(self.tr("Create"))
        describe(create, self.tr("Create"), self.tr("Create the proposal and open it"))
        describe(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            self.tr("Cancel"),
            self.tr("Close without creating a proposal"),
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("The text starts as:"), self))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(560, 480)

        self.set_kind(kind)
        self.set_language(lang if lang is not None else translations.primary_language())
        self._load_template()
        self.kind_combo.currentIndexChanged.connect(self._load_template)
        self.lang_combo.currentIndexChanged.connect(self._load_template)
        self.title_edit.setFocus()

    # -- fields --

    def kind(self) -> Kind:
        """The kind chosen."""
        return Kind(self.kind_combo.currentData())

    def set_kind(self, kind: Kind | str) -> None:
        index = self.kind_combo.findData(Kind(kind).value)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def language(self) -> str:
        """The template language chosen: "zh" or "en"."""
        return str(self.lang_combo.currentData())

    def set_language(self, lang: str) -> None:
        index = self.lang_combo.findData(lang)
        self.lang_combo.setCurrentIndex(index if index >= 0 else self.lang_combo.findData("en"))

    def title(self) -> str:
        return self.title_edit.text()

    def body(self) -> str:
        """The text the new proposal starts with: the chosen template's body."""
        return self._body

    # -- behaviour --

    def _load_template(self, *_args: object) -> None:
        # The typed title is kept when the kind or language changes; the template's
        # placeholder title replaces only an untouched (or empty) one.
        untouched = self.title_edit.text().strip() in ("", self._template_title)
        try:
            title, body = load_template(self.kind(), self.language())
        except ConsultError as e:
            title, body = "", ""
            self.problem_label.setText(
                self.tr("No template could be read (%1); the text starts empty.").replace(
                    "%1", str(e)
                )
            )
            self.problem_label.show()
        else:
            self.problem_label.hide()
        self._template_title, self._body = title, body
        self.preview.setPlainText(body)
        if untouched:
            self.title_edit.setText(title)
            self.title_edit.selectAll()

    def accept(self) -> None:
        """Create the proposal; on an error, say why and stay open."""
        try:
            proposal = self.library.create_proposal(self.title(), self.kind(), self._body)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot create the proposal"), str(e))
            return
        self.created_id = proposal.id
        super().accept()

    @classmethod
    def ask(cls, library: Library, parent: QWidget | None = None) -> str | None:
        """Show the dialog; the new proposal's id, or None when cancelled."""
        dialog = cls(library, parent)
        dialog.exec()
        return dialog.created_id
