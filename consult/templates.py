"""Templates for new proposals: one Markdown file per kind and language.

The files live in `resources/templates/` as `<kind>.<lang>.md` (`motion.zh.md`,
`amendment.en.md` …): YAML front matter with at least a `title` (a placeholder the user
replaces), then the body. A language with no template for a kind falls back to English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from consult.errors import ConsultError, InvalidInput
from consult.i18n import join, tr
from consult.markdown_io.front_matter import split_front_matter
from consult.markdown_io.text_file import read_text
from consult.model import Kind, parse_choice
from consult.paths import resources_dir

LANGUAGES = ("zh", "en")  # the languages templates are written in, in the order offered
FALLBACK_LANGUAGE = "en"
MAX_TEMPLATE_BYTES = 256 * 1024

# A language tag as locales spell it: "zh", "en", "zh_CN", "zh-Hans-CN", "EN".
_LANGUAGE_TAG = re.compile(r"(?P<primary>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


class TemplateError(ConsultError):
    """A template that should ship with the app is missing or cannot be read."""


@dataclass(frozen=True)
class Template:
    """One template file: its kind, language, placeholder title and where it is."""

    kind: Kind
    lang: str
    title: str
    path: Path


def templates_dir() -> Path:
    """The folder the templates ship in."""
    return resources_dir() / "templates"


def list_templates(root: Path | None = None) -> list[Template]:
    """Every template in `root` (default: the shipped ones), by kind, then language.

    Files whose names are not `<kind>.<lang>.md` for a known kind are ignored.
    """
    folder = root if root is not None else templates_dir()
    kinds = list(Kind)
    names = {kind.value for kind in Kind}
    found: list[Template] = []
    for path in folder.glob("*.*.md"):
        parts = path.name.removesuffix(".md").split(".")
        if len(parts) == 2 and parts[0] in names and _is_plain_language(parts[1]):
            title, _body = _read(path)
            found.append(Template(Kind(parts[0]), parts[1], title, path))
    found.sort(key=lambda t: (kinds.index(t.kind), _language_rank(t.lang), t.lang))
    return found


def load_template(kind: Kind | str, lang: str, *, root: Path | None = None) -> tuple[str, str]:
    """(title, body) of the template for `kind` in `lang`, or in English when `lang` has none.

    `lang` may be a locale name ("zh_CN", "zh-Hans"): its primary language is used. An unknown
    kind or a malformed language raises InvalidInput; a missing template, TemplateError.
    """
    return _read(template_path(kind, lang, root=root))


def template_path(kind: Kind | str, lang: str, *, root: Path | None = None) -> Path:
    """The file `load_template` reads for `kind` in `lang` (after the fallback to English)."""
    chosen = parse_choice(Kind, kind, "kind of proposal")
    folder = root if root is not None else templates_dir()
    primary = language_of(lang)
    for candidate in dict.fromkeys((primary, FALLBACK_LANGUAGE)):
        path = folder / f"{chosen.value}.{candidate}.md"
        if path.is_file():
            return path
    raise TemplateError(
        tr(
            "No template for a {kind} in {language} or {fallback} (looked in {folder}); the "
            "app's resources are incomplete",
            kind=chosen.value,
            language=primary,
            fallback=FALLBACK_LANGUAGE,
            folder=folder,
        )
    )


def language_of(lang: str) -> str:
    """The primary language of a language tag or locale name ("zh_CN" → "zh")."""
    match = _LANGUAGE_TAG.fullmatch(lang.strip()) if isinstance(lang, str) else None
    if match is None:
        raise InvalidInput(
            tr(
                "“{code}” is not a language code; use one of: {choices}",
                code=lang,
                choices=join(LANGUAGES),
            )
        )
    return match.group("primary").lower()


def _is_plain_language(lang: str) -> bool:
    return re.fullmatch(r"[a-z]{2,3}", lang) is not None


def _language_rank(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES)


def _read(path: Path) -> tuple[str, str]:
    try:
        text = read_text(path, limit=MAX_TEMPLATE_BYTES)
    except InvalidInput as e:
        raise TemplateError(
            tr("The template {name} cannot be read: {reason}", name=path.name, reason=e)
        ) from e
    parsed = split_front_matter(text)
    if parsed.problem:
        raise TemplateError(
            tr("The template {name} is damaged: {problem}", name=path.name, problem=parsed.problem)
        )
    title = parsed.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise TemplateError(
            tr("The template {name} has no title in its front matter", name=path.name)
        )
    return title.strip(), parsed.body.lstrip("\n")
