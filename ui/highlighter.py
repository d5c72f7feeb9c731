"""Highlighting in the body editor: Markdown headings, law headings (第一章, Chapter 1) and the
article numbers that start a line (第十条, 第十条之一, Article 12, Art. 12, Sec. 101., § 101).

The patterns are the compare engine's own (`consult.compare.structure`), so what the editor
marks as an article is exactly what a comparison will pair as one.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from consult.compare.structure import ARTICLE, HEADING

_INDENT = " \t\u3000"  # Chinese law texts often indent with ideographic spaces
_HEAD_FIRST = frozenset("#*第ASPC§")  # a line starting otherwise is neither: skip the regexes


class MarkdownHighlighter(QSyntaxHighlighter):
    """Marks headings (bold, whole line) and article labels (bold, link colour)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        palette = QGuiApplication.palette()
        self.heading_format = QTextCharFormat()
        self.heading_format.setFontWeight(QFont.Weight.Bold)
        self.heading_format.setForeground(palette.color(QPalette.ColorRole.Text))
        self.article_format = QTextCharFormat()
        self.article_format.setFontWeight(QFont.Weight.Bold)
        self.article_format.setForeground(palette.color(QPalette.ColorRole.Link))

    def highlightBlock(self, text: str) -> None:
        start = len(text) - len(text.lstrip(_INDENT))
        if start >= len(text) or text[start] not in _HEAD_FIRST:
            return
        article = ARTICLE.match(text, start)
        if HEADING.match(text, start) and not article:
            self.setFormat(start, len(text) - start, self.heading_format)
            return
        if article:
            if text.startswith("#", start):  # "## 第十条": a heading that is an article
                self.setFormat(start, len(text) - start, self.heading_format)
            group = "label" if article.group("label") else "en"
            self.setFormat(
                article.start(group), article.end(group) - article.start(group), self.article_format
            )
