"""The compare engine: article-aware, Chinese-aware comparison of two texts."""

from consult.compare.engine import Comparison, Row, compare_texts
from consult.compare.inline import Span
from consult.compare.structure import Unit
from consult.compare.text import Options

__all__ = ["Comparison", "Options", "Row", "Span", "Unit", "compare_texts"]
