"""The proposal pane: metadata form, Markdown editor with highlighting and counts, live preview.

What is typed is never lost: the working draft is journaled to the library at most ~2 s after
it was typed (while typing goes on too), when focus leaves the pane and before the window
closes (`flush_draft`), and offered back by `load`. A failed save leaves the text and its
unsaved state as they were.
Metadata edits go through `undo_stack`; the body keeps QPlainTextEdit's own undo.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consult import clock
from consult.errors import ConsultError, LibraryBusy
from consult.form_text import count_text, join_names, last_tag, split_names, split_tags
from consult.library import Library, translate_error
from consult.model import Base, Content, Kind, Status
from ui import fonts
from ui.accessibility import chain, describe
from ui.fonts import text_font
from ui.highlighter import MarkdownHighlighter
from ui.library_model import kind_label, status_label
from ui.metadata_undo import FieldEdit, TagsEdit
from ui.preview import MarkdownPreview
from ui.related_list import RelatedList

MOTION_MIN_COSIGNERS = 30  # NPC rule: a motion needs a delegation or 30 co-signing deputies
JOURNAL_INTERVAL_MS = 2000  # RELIABILITY rule 4: at most ~2 s of typing lost in a crash
COUNTS_DELAY_MS = 150
WARNING_COLOURS = ("#b3261e", "#ff8a80")  # the co-signer warning on light / dark panels


def _comparable(content: Content) -> Content:
    """Content as the library would store it (spaces collapsed, names cleaned), to tell
    whether the form differs from the saved version."""
    return replace(
        content,
        title=" ".join(content.title.split()),
        session=" ".join(content.session.split()),
        sponsors=split_names("\n".join(content.sponsors)),
        cosigners=split_names("\n".join(content.cosigners)),
    )


def _error_text(error: Exception) -> str:
    text = str(translate_error(error) if isinstance(error, sqlite3.Error) else error)
    return text or type(error).__name__


class _BodyEdit(QPlainTextEdit):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Tab is typed into the text; Ctrl+Tab (Ctrl+Shift+Tab) leaves it, rather than reaching
        # the tab widget around it, which would turn the page.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # (QWidget's own move: QPlainTextEdit's refuses to move while the text is editable.)
            if event.key() == Qt.Key.Key_Tab:
                QWidget.focusNextPrevChild(self, True)
                return
            if event.key() == Qt.Key.Key_Backtab:
                QWidget.focusNextPrevChild(self, False)
                return
        # Shift+Enter would insert U+2028, which Markdown does not read as a line break.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertBlock()
                return
        super().keyPressEvent(event)


class ProposalEditor(QWidget):
    """The pane that edits one proposal. See the module docstring for what it promises.

    Signals: `dirtyChanged(bool)` when the text starts or stops differing from the saved
    version; `versionSaved(proposal_id, number)` when `save_version` created a version;
    `tagsChanged(proposal_id)` when the proposal's tags were written to the library.
    """

    dirtyChanged = Signal(bool)
    versionSaved = Signal(str, int)
    tagsChanged = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalEditor")
        self.library = library
        self.proposal_id: str | None = None
        self.journal_interval_ms = JOURNAL_INTERVAL_MS
        self.counts_delay_ms = COUNTS_DELAY_MS
        self.undo_stack = QUndoStack(self)
        self._saved: Content | None = None  # comparable form of the latest version
        self._saved_number = 0
        self._based_on = 0  # the version the working text started from
        self._base: Base | None = None
        self._tags: tuple[str, ...] = ()
        self._values: dict[str, str] = {}  # each metadata widget's value, as undo knows it
        self._body = ""
        self._dirty = False
        self._loading = False
        self._unjournaled = False
        self._draft_stored = False
        self._edit_generation = 0  # bumped when focus moves: typing after that is a new step
        self._fonts_chosen = False
        self._build()
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.timeout.connect(self.flush_draft)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.timeout.connect(self._update_counts)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.aboutToQuit.connect(self.flush_draft)
        self._set_enabled(False)

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("draftBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.bannerLabel = QLabel(self.banner)
        self.bannerLabel.setObjectName("draftBannerLabel")
        self.bannerLabel.setWordWrap(True)
        keep = QPushButton(self.tr("Keep"), self.banner)
        keep.setObjectName("keepDraftButton")
        describe(
            keep,
            self.tr("Keep the restored text"),
            self.tr("Go on editing the restored text; it is saved as a version when you save"),
        )
        keep.clicked.connect(self.banner.hide)
        discard = QPushButton(self.tr("Discard…"), self.banner)
        discard.setObjectName("discardDraftButton")
        describe(
            discard,
            self.tr("Discard the restored text"),
            self.tr("Show the latest saved version instead (you are asked first)"),
        )
        discard.clicked.connect(self._discard_restored)
        self._banner_buttons = (keep, discard)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.bannerLabel, 1)
        row.addWidget(keep)
        row.addWidget(discard)
        self.banner.hide()

        self.titleEdit = QLineEdit(self)
        self.kindCombo = QComboBox(self)
        for kind in Kind:
            self.kindCombo.addItem(kind_label(kind.value), kind.value)
        self.statusCombo = QComboBox(self)
        for status in Status:
            self.statusCombo.addItem(status_label(status.value), status.value)
        self.sponsorsEdit = QLineEdit(self)
        self.sponsorsEdit.setPlaceholderText(self.tr("Names separated by 、 or commas"))
        self.cosignersEdit = QPlainTextEdit(self)
        self.cosignersEdit.setPlaceholderText(self.tr("One name per line (or separated by 、)"))
        self.cosignersEdit.setTabChangesFocus(True)
        self.cosignersEdit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.cosignersCount = QLabel(self)
        self.cosignersWarning = QLabel(self)
        self.cosignersWarning.setWordWrap(True)
        # A palette, not a style sheet: a style sheet gives the label a style of its own,
        # parsed and set up while the window starts.
        warning = self.cosignersWarning.palette()
        dark = warning.color(QPalette.ColorRole.Window).lightness() < 128
        warning.setColor(QPalette.ColorRole.WindowText, QColor(WARNING_COLOURS[dark]))
        self.cosignersWarning.setPalette(warning)
        self.sessionEdit = QComboBox(self)
        self.sessionEdit.setEditable(True)
        self.sessionEdit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tagsEdit = QLineEdit(self)
        self.tagsEdit.setPlaceholderText(self.tr("Tags separated by commas, e.g. AI/copyright"))
        self._tag_names = QStringListModel(self)
        self._completer: QCompleter | None = None  # made when first needed: see tagCompleter
        self.baseLabel = QLabel(self)
        self.baseLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for name in (
            "titleEdit kindCombo statusCombo sponsorsEdit cosignersEdit cosignersCount "
            "cosignersWarning sessionEdit tagsEdit baseLabel"
        ).split():
            getattr(self, name).setObjectName(name)

        kind_status = QHBoxLayout()
        kind_status.addWidget(self.kindCombo)
        status_caption = QLabel(self.tr("&Status:"), self)
        status_caption.setBuddy(self.statusCombo)
        kind_status.addWidget(status_caption)
        kind_status.addWidget(self.statusCombo)
        kind_status.addStretch(1)
        cosigners_info = QHBoxLayout()
        cosigners_info.addWidget(self.cosignersCount)
        cosigners_info.addWidget(self.cosignersWarning, 1)
        cosigners = QVBoxLayout()
        cosigners.addWidget(self.cosignersEdit)
        cosigners.addLayout(cosigners_info)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.titleEdit)
        form.addRow(self.tr("&Kind:"), kind_status)
        form.addRow(self.tr("Spo&nsors:"), self.sponsorsEdit)
        form.addRow(self.tr("C&o-signers:"), cosigners)
        form.addRow(self.tr("Sess&ion:"), self.sessionEdit)
        form.addRow(self.tr("T&ags:"), self.tagsEdit)
        form.addRow(self.baseLabel)
        # Rows whose field is a layout get no buddy from addRow: give them one, so that their
        # mnemonics (Alt+K, Alt+O) work and the "&" is not shown.
        for field, buddy in ((kind_status, self.kindCombo), (cosigners, self.cosignersEdit)):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

        self.bodyEditor = _BodyEdit(self)
        self.bodyEditor.setObjectName("bodyEditor")
        self.highlighter = MarkdownHighlighter(self.bodyEditor.document())
        self.previewBrowser = MarkdownPreview(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.bodyEditor)
        self.splitter.addWidget(self.previewBrowser)
        self.countsLabel = QLabel(self)
        self.countsLabel.setObjectName("countsLabel")
        self.journalStatus = QLabel(self)
        self.journalStatus.setObjectName("journalStatus")
        status_row = QHBoxLayout()
        status_row.addWidget(self.countsLabel)
        status_row.addStretch(1)
        status_row.addWidget(self.journalStatus)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status_row)
        self.related = RelatedList(self.library, self, focus_after=self.previewBrowser)
        layout.addWidget(self.related)
        self._describe_fields()
        chain(*self.focus_order())

        self.titleEdit.textEdited.connect(lambda text: self._field_edited("title", text))
        self.sponsorsEdit.textEdited.connect(lambda text: self._field_edited("sponsors", text))
        self.cosignersEdit.textChanged.connect(
            lambda: self._field_edited("cosigners", self.cosignersEdit.toPlainText())
        )
        self.kindCombo.currentIndexChanged.connect(
            lambda: self._field_edited("kind", self.kindCombo.currentData())
        )
        self.statusCombo.currentIndexChanged.connect(
            lambda: self._field_edited("status", self.statusCombo.currentData())
        )
        self.sessionEdit.currentTextChanged.connect(
            lambda text: self._field_edited("session", text)
        )
        self.tagsEdit.textEdited.connect(self._complete_tag)
        self.tagsEdit.editingFinished.connect(self._commit_tags)
        self.bodyEditor.textChanged.connect(self._body_changed)

    def _describe_fields(self) -> None:
        for widget, name, description in (
            (self.titleEdit, self.tr("Title"), self.tr("The proposal's title")),
            (
                self.kindCombo,
                self.tr("Kind"),
                self.tr("Motion, suggestion, proposal, amendment, plan, reference text or note"),
            ),
            (
                self.statusCombo,
                self.tr("Status"),
                self.tr("Where the proposal stands: draft, ready, submitted, accepted …"),
            ),
            (
                self.sponsorsEdit,
                self.tr("Sponsors"),
                self.tr("The sponsoring deputies or members, separated by 、 or commas"),
            ),
            (
                self.cosignersEdit,
                self.tr("Co-signers"),
                self.tr("The co-signing deputies or members, one per line"),
            ),
            (
                self.sessionEdit,
                self.tr("Session"),
                self.tr("The session the proposal is for, e.g. the 3rd session of the 14th NPC"),
            ),
            (
                self.tagsEdit,
                self.tr("Tags"),
                self.tr("Tags separated by commas; a slash nests them (AI/copyright)"),
            ),
            (
                self.bodyEditor,
                self.tr("Proposal text"),
                self.tr(
                    "The text of the proposal, in Markdown; Ctrl+S saves it as a version, "
                    "Ctrl+Tab leaves it"
                ),
            ),
        ):
            describe(widget, name, description)
        line_edit = self.sessionEdit.lineEdit()
        if line_edit is not None:
            describe(line_edit, self.tr("Session"), self.sessionEdit.accessibleDescription())

    def focus_order(self) -> list[QWidget]:
        """The widgets Tab goes through, in the order they are seen (top to bottom)."""
        widgets: list[QWidget] = [
            *self._banner_buttons,
            self.titleEdit,
            self.kindCombo,
            self.statusCombo,
            self.sponsorsEdit,
            self.cosignersEdit,
            self.sessionEdit,
            self.tagsEdit,
            self.bodyEditor,
            self.previewBrowser,
        ]
        if self.related.has_list():
            widgets.append(self.related.list_widget)
        return widgets

    @property
    def tagCompleter(self) -> QCompleter:
        """The completion of tag names in `tagsEdit` (made on first use, not at start-up)."""
        if self._completer is None:
            completer = QCompleter(self._tag_names, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setWidget(self.tagsEdit)  # not setCompleter: it completes the last tag
            completer.activated.connect(self._insert_tag)
            self._completer = completer
        return self._completer

    def field_name(self, field: str) -> str:
        """The user-visible name of a metadata field (for Undo/Redo menu texts)."""
        return {
            "title": self.tr("title"),
            "kind": self.tr("kind"),
            "status": self.tr("status"),
            "sponsors": self.tr("sponsors"),
            "cosigners": self.tr("co-signers"),
            "session": self.tr("session"),
        }[field]

    # -- loading -----------------------------------------------------------------------------

    def load(self, proposal_id: str) -> bool:
        """Show a proposal: its working draft if one was journaled, else its latest version.

        The text being edited (this proposal's too, when it is loaded again) is journaled
        first; if that fails the editor stays on it and returns False, since switching would
        lose the typing. Also False, after telling the user, if the proposal cannot be read.
        """
        if not self._keep_before_leaving():
            return False
        try:
            version = self.library.version(proposal_id)
            tags = self.library.get(proposal_id).tags
            draft = self.library.load_draft(proposal_id)
            sessions = self.library.sessions()
            tag_names = [tag.name for tag in self.library.tags()]
        except (ConsultError, sqlite3.Error) as e:
            QMessageBox.warning(self, self.tr("Cannot open this proposal"), _error_text(e))
            return False
        self.proposal_id = proposal_id
        self._saved = _comparable(version.content)
        self._saved_number = version.number
        self._tag_names.setStringList(tag_names)
        self.sessionEdit.blockSignals(True)
        self.sessionEdit.clear()
        self.sessionEdit.addItems(sessions)
        self.sessionEdit.blockSignals(False)
        self._draft_stored = draft is not None
        self._unjournaled = False
        if draft is not None and _comparable(draft.content) == self._saved:
            draft = None  # a stale journal of text that was saved after all
            self._unjournaled = True  # the next flush discards it
        content = draft.content if draft else version.content
        self._based_on = draft.based_on if draft else version.number
        self._show(content, tags)
        self.banner.setVisible(draft is not None)
        if draft is not None:
            when = clock.local(draft.saved).strftime("%Y-%m-%d %H:%M")
            if draft.based_on == version.number:
                text = self.tr("Restored unsaved text from %1.")
            else:
                text = self.tr(
                    "Restored unsaved text from %1. It was based on version %2; the latest "
                    "version is %3."
                )
            self.bannerLabel.setText(
                text.replace("%1", when)
                .replace("%2", str(draft.based_on))
                .replace("%3", str(version.number))
            )
        self.related.show_for(proposal_id)
        return True

    def clear(self) -> bool:
        """Show no proposal (journaling the current text first; False if that failed)."""
        if not self._keep_before_leaving():
            return False
        self.proposal_id = None
        self._saved = None
        self._show(Content("", Kind.NOTE, Status.DRAFT, ""), ())
        self.banner.hide()
        self._set_enabled(False)
        self.related.show_for(None)
        return True

    def _keep_before_leaving(self) -> bool:
        if self.proposal_id is None:
            return True
        self._commit_tags()  # typed, not yet confirmed with Enter or by leaving the field
        if self.flush_draft():
            return True
        QMessageBox.warning(
            self,
            self.tr("Unsaved text could not be kept"),
            self.journalStatus.text()
            + "\n\n"
            + self.tr("Your text is still in the editor. Save it as a version before leaving."),
        )
        return False

    def _show(self, content: Content, tags: tuple[str, ...]) -> None:
        self._loading = True
        try:
            self._journal_timer.stop()
            self._base = content.base
            self._tags = tags
            self.tagsEdit.setText(", ".join(tags))
            values = {
                "title": content.title,
                "kind": content.kind.value,
                "status": content.status.value,
                "sponsors": join_names(content.sponsors),
                "cosigners": "\n".join(content.cosigners),
                "session": content.session,
            }
            for field, value in values.items():
                self._set_widget(field, value)
            self._values = values
            self._body = content.body
            self._choose_fonts()
            self.bodyEditor.setPlainText(content.body)
        finally:
            self._loading = False
        self.undo_stack.clear()
        self._set_enabled(self.proposal_id is not None)
        self._show_base()
        self._update_cosigners()
        self._update_counts()
        self.previewBrowser.set_markdown(content.body)
        self.previewBrowser.render_now()
        self.journalStatus.clear()
        self._update_dirty()

    def _choose_fonts(self) -> None:
        # Done with the first text shown, not while the window is built: loading a Chinese
        # font costs a few milliseconds, and the window shows no text before that anyway.
        if self._fonts_chosen:
            return
        self._fonts_chosen = True
        self.bodyEditor.setFont(text_font(fonts.SANS, self.bodyEditor.font()))
        self.previewBrowser.setFont(text_font(fonts.SERIF, self.previewBrowser.font()))

    def _show_base(self) -> None:
        base = self._base
        if base is None:
            self.baseLabel.clear()
            self.baseLabel.hide()
            return
        try:
            title = self.library.get(base.proposal_id).title
        except (ConsultError, sqlite3.Error):
            title = base.proposal_id
        if base.version is None:
            text = self.tr("Base: %1 (latest version)").replace("%1", title)
        else:
            text = self.tr("Base: %1 (version %2)").replace("%1", title)
            text = text.replace("%2", str(base.version))
        self.baseLabel.setText(text)
        self.baseLabel.show()

    def _set_enabled(self, enabled: bool) -> None:
        widgets: tuple[QWidget, ...] = (
            self.titleEdit,
            self.kindCombo,
            self.statusCombo,
            self.sponsorsEdit,
            self.cosignersEdit,
            self.sessionEdit,
            self.tagsEdit,
            self.bodyEditor,
        )
        for widget in widgets:
            widget.setEnabled(enabled)
        self.apply_read_only()

    def apply_read_only(self) -> None:
        """Follow the library's read-only state: texts can be read, selected and copied but
        not changed; choices are greyed out; nothing is journaled."""
        read_only = self.library.read_only
        for edit in (self.titleEdit, self.sponsorsEdit, self.cosignersEdit, self.tagsEdit):
            edit.setReadOnly(read_only)
        self.bodyEditor.setReadOnly(read_only)
        if read_only:
            for combo in (self.kindCombo, self.statusCombo, self.sessionEdit):
                combo.setEnabled(False)

    # -- the working text --------------------------------------------------------------------

    def current_content(self) -> Content:
        """What the form and the editor hold, as a version would store it."""
        return Content(
            title=self.titleEdit.text(),
            kind=Kind(self.kindCombo.currentData()),
            status=Status(self.statusCombo.currentData()),
            body=self._body,
            sponsors=split_names(self.sponsorsEdit.text()),
            cosigners=split_names(self.cosignersEdit.toPlainText()),
            session=self.sessionEdit.currentText(),
            base=self._base,
        )

    def is_dirty(self) -> bool:
        """True when the form or the text differs from the latest saved version."""
        return self._saved is not None and _comparable(self.current_content()) != self._saved

    def _body_text(self) -> str:
        # toPlainText() would turn no-break spaces into spaces: the body must be saved as typed.
        return self.bodyEditor.document().toRawText().replace("\u2029", "\n")

    def _body_changed(self) -> None:
        if self._loading:
            return
        body = self._body_text()
        if body == self._body:
            return  # only formats changed (the highlighter)
        self._body = body
        self.previewBrowser.set_markdown(body)
        self._counts_timer.start(self.counts_delay_ms)
        self._content_changed()

    def _content_changed(self) -> None:
        if self._loading or self.proposal_id is None:
            return
        self._unjournaled = True
        # Not restarted by each key: typing that goes on for minutes is journaled every 2 s
        # too, so that a crash loses at most the last ~2 s of it (RELIABILITY.md, case 5).
        if not self._journal_timer.isActive():
            self._journal_timer.start(self.journal_interval_ms)
        self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _update_counts(self) -> None:
        words, characters = count_text(self._body)
        # Two counts, each with its own plural: one text each (%Ln: the number as the
        # language writes it, 1,234).
        self.countsLabel.setText(
            self.tr("%Ln word(s)", "", words) + " · " + self.tr("%Ln character(s)", "", characters)
        )

    def _update_cosigners(self) -> None:
        count = len(split_names(self.cosignersEdit.toPlainText()))
        self.cosignersCount.setText(self.tr("%n co-signer(s)", "", count))
        short = self.kindCombo.currentData() == Kind.MOTION.value and count < MOTION_MIN_COSIGNERS
        self.cosignersWarning.setText(
            self.tr("A motion needs %1 co-signing deputies (or a delegation); %2 more needed.")
            .replace("%1", str(MOTION_MIN_COSIGNERS))
            .replace("%2", str(MOTION_MIN_COSIGNERS - count))
            if short
            else ""
        )
        self.cosignersWarning.setVisible(short)

    # -- journal -----------------------------------------------------------------------------

    def flush_draft(self) -> bool:
        """Journal the working text now (or discard the journal if the text equals the saved
        version). Call it before the window closes. Returns False if the library refused."""
        self._journal_timer.stop()
        if self.proposal_id is None or self._saved is None or not self._unjournaled:
            return True
        if self.library.read_only:
            return True  # nothing could be typed: there is nothing to keep
        content = self.current_content()
        try:
            if _comparable(content) != self._saved:
                self.library.save_draft(self.proposal_id, content, self._based_on)
                self._draft_stored = True
                when = clock.now().strftime("%H:%M:%S")
                self.journalStatus.setText(self.tr("Unsaved text kept at %1").replace("%1", when))
            elif self._draft_stored:
                self.library.discard_draft(self.proposal_id)
                self._draft_stored = False
                self.journalStatus.clear()
        except (ConsultError, sqlite3.Error) as e:
            self.journalStatus.setText(
                self.tr("Could not keep a copy of the unsaved text: %1").replace(
                    "%1", _error_text(e)
                )
            )
            return False
        self._unjournaled = False
        return True

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        self._edit_generation += 1
        inside_before = old is not None and self.isAncestorOf(old)
        inside_now = new is not None and self.isAncestorOf(new)
        if inside_before and not inside_now:
            self.flush_draft()

    def discard_changes(self) -> bool:
        """Drop what differs from the latest version: the journal is deleted and the editor
        shows that version again. Versions are never touched. False if the library refused."""
        if self.proposal_id is None:
            return True
        self._journal_timer.stop()
        try:
            self.library.discard_draft(self.proposal_id)
        except (ConsultError, sqlite3.Error) as e:
            QMessageBox.warning(self, self.tr("Cannot discard the changes"), _error_text(e))
            return False
        self._draft_stored = False
        self._unjournaled = False
        return self.load(self.proposal_id)

    def _discard_restored(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Discard the restored text?"),
            self.tr("The editor will show the latest saved version; the restored text is lost."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()

    # -- saving ------------------------------------------------------------------------------

    def save_version(self, label: str = "") -> bool:
        """Save what is in the editor as the next version (nothing is created if it equals the
        latest). On failure the user is told, and text and unsaved state stay as they were;
        a library kept busy by another program is waited for once more first."""
        if self.proposal_id is None or self.library.read_only:
            return False
        content = self.current_content()
        busy_retried = False
        while True:
            try:
                result = self.library.save_version(self.proposal_id, content, label=label)
                break
            # Whatever failed (a bug too), the text stays in the editor and Retry is offered.
            except Exception as e:
                if isinstance(e, LibraryBusy) and not busy_retried:
                    busy_retried = True
                    self.journalStatus.setText(
                        self.tr("The library is busy (another program is writing); retrying…")
                    )
                    self.journalStatus.repaint()  # the retry waits on the GUI thread
                    continue
                if busy_retried:
                    self.journalStatus.clear()
                answer = QMessageBox.warning(
                    self,
                    self.tr("Could not save the version"),
                    _error_text(e)
                    + "\n\n"
                    + self.tr("Your text is still in the editor; nothing was lost."),
                    QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Retry,
                )
                if answer != QMessageBox.StandardButton.Retry:
                    self.flush_draft()  # at least the journal keeps it
                    return False
        # The library deleted the draft in the same transaction as the version.
        self._journal_timer.stop()
        self._draft_stored = False
        self._saved = _comparable(content)
        self._saved_number = self._based_on = result.version.number
        self._unjournaled = False
        self.banner.hide()
        self.journalStatus.clear()
        self._commit_tags()  # typed but not yet confirmed with Enter
        self._update_dirty()
        if result.created:
            self.versionSaved.emit(self.proposal_id, result.version.number)
            self.related.show_for(self.proposal_id)
        return True

    # -- metadata and undo -------------------------------------------------------------------

    def _field_edited(self, field: str, value: str) -> None:
        if self._loading or self.proposal_id is None or value == self._values.get(field):
            return
        self.undo_stack.push(FieldEdit(self, field, self._values[field], value))

    def _apply_field(self, field: str, value: str) -> None:
        """Show `value` in a field (called by undo commands) and note the change."""
        self._loading = True
        try:
            self._set_widget(field, value)
        finally:
            self._loading = False
        self._values[field] = value
        if field in ("kind", "cosigners"):
            self._update_cosigners()
        self._content_changed()

    def _set_widget(self, field: str, value: str) -> None:
        if field in ("kind", "status"):
            combo = self.kindCombo if field == "kind" else self.statusCombo
            combo.setCurrentIndex(combo.findData(value))
        elif field == "session":
            if self.sessionEdit.currentText() != value:
                self.sessionEdit.setCurrentText(value)
        elif field == "cosigners":
            if self.cosignersEdit.toPlainText() != value:
                self.cosignersEdit.setPlainText(value)
        else:
            edit = self.titleEdit if field == "title" else self.sponsorsEdit
            if edit.text() != value:  # setText would move the cursor and reset the field's undo
                edit.setText(value)

    def _commit_tags(self) -> None:
        # With the completion list open, Return reaches the field first (QLineEdit emits
        # editingFinished, then ignores the key) and chooses the completion after: not yet.
        if self.proposal_id is None or _popup_visible(self._completer):
            return
        wanted = tuple(split_tags(self.tagsEdit.text()))
        if [t.casefold() for t in wanted] == [t.casefold() for t in self._tags]:
            self.tagsEdit.setText(", ".join(self._tags))
            return
        old = self._tags
        if self._write_tags(wanted) and self._tags != old:
            self.undo_stack.push(TagsEdit(self, old, self._tags))

    def _write_tags(self, names: tuple[str, ...]) -> bool:
        assert self.proposal_id is not None
        try:
            self._tags = self.library.set_tags(self.proposal_id, names)
            self._tag_names.setStringList([tag.name for tag in self.library.tags()])
        except (ConsultError, sqlite3.Error) as e:
            QMessageBox.warning(self, self.tr("Tags not changed"), _error_text(e))
            return False
        self.tagsEdit.setText(", ".join(self._tags))
        self.tagsChanged.emit(self.proposal_id)
        return True

    def _complete_tag(self, text: str) -> None:
        prefix = last_tag(text)
        completer = self.tagCompleter
        completer.setCompletionPrefix(prefix)
        if not prefix or completer.completionCount() == 0:
            popup = completer.popup()
            if popup is not None:
                popup.hide()
            return
        completer.complete()

    def _insert_tag(self, name: str) -> None:
        text = self.tagsEdit.text()
        start = max(text.rfind(","), text.rfind("，")) + 1
        while start < len(text) and text[start].isspace():
            start += 1
        self.tagsEdit.setSelection(start, len(text) - start)
        self.tagsEdit.insert(name + ", ")  # keeps the field's own undo, unlike setText


def _popup_visible(completer: QCompleter | None) -> bool:
    if completer is None:
        return False
    popup = completer.popup()
    return popup is not None and popup.isVisible()
