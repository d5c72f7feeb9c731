"""A new proposal from a template: the kind chosen, the template's text, the title typed."""

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox

from consult.model import Kind
from consult.templates import TemplateError, load_template
from ui.dialogs import new_proposal
from ui.dialogs.new_proposal import NewProposalDialog


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    return shown


def make_dialog(qtbot, library, **kwargs):
    dialog = NewProposalDialog(library, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(("kind", "lang"), [("amendment", "zh"), ("proposal", "en")])
def test_creates_a_proposal_of_the_kind_with_the_template_body_and_typed_title(
    qtbot, demo_library, kind, lang
):
    before = demo_library.count()
    dialog = make_dialog(qtbot, demo_library, lang="en")
    kinds = dialog.findChild(QComboBox, "templateKindCombo")
    langs = dialog.findChild(QComboBox, "templateLanguageCombo")
    title = dialog.findChild(QLineEdit, "newTitleEdit")
    kinds.setCurrentIndex(kinds.findData(kind))
    langs.setCurrentIndex(langs.findData(lang))
    template_title, template_body = load_template(kind, lang)
    assert title.text() == template_title  # prefilled from the template
    title.setText("  关于人工智能生成内容标识的修正案草案 ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert demo_library.count() == before + 1
    created = demo_library.version(dialog.created_id)
    assert created.number == 1
    assert created.content.kind == Kind(kind)
    assert created.content.body == template_body
    assert created.content.title == "关于人工智能生成内容标识的修正案草案"


def test_a_typed_title_is_kept_when_the_kind_changes(qtbot, demo_library):
    dialog = make_dialog(qtbot, demo_library, kind="motion", lang="zh")
    assert dialog.title() == load_template("motion", "zh")[0]
    dialog.set_kind("suggestion")  # untouched title: follows the template
    assert dialog.title() == load_template("suggestion", "zh")[0]
    assert dialog.preview.toPlainText() == load_template("suggestion", "zh")[1]
    dialog.title_edit.setText("My own title")
    dialog.set_language("en")
    assert dialog.title() == "My own title"
    assert dialog.body() == load_template("suggestion", "en")[1]


def test_an_empty_title_is_refused_and_nothing_is_created(qtbot, demo_library, warnings):
    before = demo_library.count()
    dialog = make_dialog(qtbot, demo_library, lang="en")
    dialog.title_edit.setText("   ")
    dialog.accept()
    assert dialog.created_id is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert demo_library.count() == before
    assert len(warnings) == 1 and "title" in warnings[0][2]


def test_the_template_language_defaults_to_the_window_language(
    qtbot, demo_library, window_language
):
    for language, expected in [("zh_CN", "zh"), ("en", "en")]:
        window_language(language)
        dialog = make_dialog(qtbot, demo_library)
        assert dialog.language() == expected
        assert dialog.title() == load_template("motion", expected)[0]


def test_a_missing_template_starts_empty_and_says_so(qtbot, demo_library, monkeypatch, warnings):
    def missing(kind, lang):
        raise TemplateError("No template for a note")

    monkeypatch.setattr(new_proposal, "load_template", missing)
    dialog = make_dialog(qtbot, demo_library, kind="note", lang="en")
    assert "No template for a note" in dialog.problem_label.text()
    assert dialog.body() == "" and dialog.title() == ""
    dialog.title_edit.setText("Notes from the committee")
    dialog.accept()
    assert demo_library.version(dialog.created_id).content.body == ""
