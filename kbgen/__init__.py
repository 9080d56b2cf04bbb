"""kbgen: turn a Git repo of Markdown FAQ entries into a layered, searchable help center."""

from kbgen.content.loader import load
from kbgen.core.errors import ContentError, Problem
from kbgen.core.model import Entry, KnowledgeBase, Product, Stage

__all__ = ["ContentError", "Entry", "KnowledgeBase", "Problem", "Product", "Stage", "load"]
