"""What assistive technology (screen readers, voice control) is told about a widget.

Every widget a user can reach with the keyboard gets a short accessible name ("Title") and a
description that says what it is for; both are translated, like every text of the window.
tests/ui/test_accessibility.py walks the window and its dialogs for widgets without them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from PySide6.QtWidgets import QWidget

_MNEMONIC = re.compile(r"\s*[(（]&[^)）][)）]|&(?=[^&])")


def describe(widget: QWidget, name: str, description: str) -> None:
    """Give `widget` its accessible name and description."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


def chain(*widgets: QWidget) -> None:
    """Tab moves through `widgets` in this order (hidden or disabled ones are skipped)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def plain(text: str) -> str:
    """A button's or a label's text without its mnemonic ("By &article" → "By article",
    "按条文(&A)" → "按条文"), for an accessible name."""
    return _MNEMONIC.sub("", text).replace("&&", "&")
