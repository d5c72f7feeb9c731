"""Fonts for Chinese text: a family with Simplified Chinese glyphs, chosen from those installed.

Left to itself, Qt finds Chinese glyphs in whatever fallback font the system offers first,
which may be a Japanese or Traditional Chinese one (其他 drawn with Japanese shapes), or one
whose lines are taller than the text around it. The editor, the preview, the compare view and
the new-proposal dialog therefore name a Simplified Chinese family first when the system has
one, from the lists below (the common free families on Linux, then Windows' and macOS' own);
with none of them installed, any family that can write Simplified Chinese; with none at all,
the system's fonts as they are.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

SANS, SERIF, MONO = "sans", "serif", "mono"

FALLBACKS: dict[str, tuple[str, ...]] = {
    SANS: (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "Microsoft YaHei UI",
        "Microsoft YaHei",
        "PingFang SC",
        "Hiragino Sans GB",
        "WenQuanYi Micro Hei",
        "Noto Sans SC",
        "Source Han Sans CN",
        "Sarasa Gothic SC",
        "Droid Sans Fallback",
    ),
    SERIF: (
        "Noto Serif CJK SC",
        "Source Han Serif SC",
        "Songti SC",
        "STSong",
        "SimSun",
        "Noto Serif SC",
        "Source Han Serif CN",
        "AR PL UMing CN",
    ),
    MONO: (
        "Noto Sans Mono CJK SC",
        "Sarasa Mono SC",
        "WenQuanYi Micro Hei Mono",
        "NSimSun",
    ),
}
# A role with none of its own families installed takes one of these roles' families instead.
_ALSO = {SANS: (), SERIF: (SANS,), MONO: (SANS,)}


def chinese_families() -> list[str]:
    """The installed families that can write Simplified Chinese."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def chinese_family(role: str, available: list[str] | None = None) -> str | None:
    """The family to draw Chinese in for `role` (SANS, SERIF or MONO), or None when no
    installed family can write Simplified Chinese. `available`: the families that can (by
    default, those installed)."""
    families = chinese_families() if available is None else available
    if not families:
        return None
    installed = set(families)
    for name in (role, *_ALSO[role]):
        found = next((f for f in FALLBACKS[name] if f in installed), None)
        if found:
            return found
    # None of the known ones: a family that says it is Simplified Chinese, else any.
    marked = (f for f in families if {"SC", "GB", "CN"} & set(f.replace("-", " ").split()))
    return next(marked, families[0])


def text_font(role: str, base: QFont | None = None, available: list[str] | None = None) -> QFont:
    """`base` (default: the application's font, or the fixed-pitch one for MONO) with the
    Chinese family for `role` in front of its own: Chinese, and the Latin letters around it,
    are drawn in one family, in Simplified Chinese shapes."""
    if base is None:
        if role == MONO:
            base = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        else:
            base = QGuiApplication.font()
    font = QFont(base)
    chosen = chinese_family(role, available)
    if chosen is not None:
        own = base.families() or [base.family()]
        font.setFamilies([chosen, *(f for f in own if f != chosen)])
    return font


def interface_font(base: QFont, available: list[str] | None = None) -> QFont:
    """`base` (the application's font) with the Chinese sans-serif family after its own: the
    menus, lists and fields keep the system's letters and draw Chinese in Simplified shapes."""
    font = QFont(base)
    chosen = chinese_family(SANS, available)
    own = base.families() or [base.family()]
    if chosen is not None and chosen not in own:
        font.setFamilies([*own, chosen])
    return font
