"""YAML parsed with line numbers kept, so every message can point at the line of a field.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two
duplicate keys; composing the node tree ourselves keeps both facts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ~10x faster and keeps the same marks
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

from kbgen.content import limits
from kbgen.core.errors import Problem

REFUSED: Any = object()
"""The value of a field that was refused (and reported) before it was built."""


@dataclass(frozen=True)
class Field:
    """A value of a YAML mapping with the (1-based) line where it starts."""

    name: str
    value: Any
    line: int
    node: yaml.Node


class YamlSyntaxError(Exception):
    """The text is not valid YAML."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


_UNCLOSED = {
    "while parsing a flow sequence": "the list opened with '[' on this line is not closed",
    "while parsing a flow mapping": "the mapping opened with '{' on this line is not closed",
    "while scanning a quoted scalar": "the quote opened on this line is not closed",
}
"""Errors found where the parser gave up, lines after the real mistake: point at its start."""


def compose(text: str, first_line: int = 1) -> yaml.Node | None:
    """Parse ``text`` into a node tree; ``first_line`` is the file line the text starts on."""
    try:
        return _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "invalid YAML"
        unclosed = _UNCLOSED.get(exc.context or "")
        if unclosed and exc.context_mark is not None:
            mark = exc.context_mark
            what = f"{what} ({unclosed})"
        elif exc.context:
            what = f"{exc.context}, {what}"
        line = first_line + (mark.line if mark else 0)
        raise YamlSyntaxError(line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(first_line, f"invalid YAML: {exc}") from None


@dataclass(frozen=True)
class Mark:
    """A YAML anchor (``&name``) or alias (``*name``) in a text."""

    index: int
    line: int
    text: str


def anchors_and_aliases(text: str, first_line: int = 1) -> list[Mark]:
    """Every anchor and alias in ``text`` (which must be valid YAML), in order.

    Content may use neither: an alias repeats a value without repeating its text, so a few
    kilobytes can stand for gigabytes of keywords (a "billion laughs").
    """
    if "&" not in text and "*" not in text:
        return []  # the common case, without a second pass over the text
    found = []
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            sigil = "&" if isinstance(token, yaml.AnchorToken) else "*"
            mark = token.start_mark
            found.append(Mark(mark.index, first_line + mark.line, sigil + token.value))
    return found


def marks_between(marks: Sequence[Mark], start: int, end: int) -> list[Mark]:
    """The marks with ``start <= index < end`` (``marks`` sorted by index)."""
    indexes = [m.index for m in marks]
    return list(marks[bisect.bisect_left(indexes, start) : bisect.bisect_left(indexes, end)])


def alias_message(marks: Sequence[Mark]) -> str:
    """Why a value with anchors or aliases is refused; completes '<field>: ...'."""
    first = marks[0]
    kind = "anchor" if first.text.startswith("&") else "alias"
    more = f" (and {len(marks) - 1:,} more anchors or aliases)" if len(marks) > 1 else ""
    return (
        f"uses the YAML {kind} '{first.text[:40]}'{more}; anchors (&) and aliases (*) are not "
        "allowed in content, because an alias can repeat a value thousands of times: write each value out"
    )


def shape_problem(node: yaml.Node, seen: set[int]) -> str | None:
    """Why a field's value is too deep, too large or repeats a node (an alias), or None.

    Checked on the node tree before any value is built, so that a hostile value costs no more
    than its text. ``seen`` holds the ids of the nodes of the fields checked before.
    """
    stack = [(node, 0)]
    count = 0
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            return (
                "repeats another value with a YAML alias (*); anchors (&) and aliases are not "
                "allowed in content: write each value out"
            )
        seen.add(id(current))
        count += 1
        if count > limits.NODES:
            return f"holds more than {limits.NODES:,} values; kbgen takes up to {limits.NODES:,} in one field"
        if isinstance(current, yaml.ScalarNode):
            continue
        if depth >= limits.DEPTH:
            return (
                f"is nested more than {limits.DEPTH} levels deep (lists inside lists); "
                "write a list of words or of ids"
            )
        children = (
            [n for pair in current.value for n in pair]
            if isinstance(current, yaml.MappingNode)
            else list(current.value)
        )
        stack.extend((child, depth + 1) for child in children)
    return None


def line_of(node: yaml.Node, first_line: int = 1) -> int:
    """The file line a node starts on."""
    return first_line + node.start_mark.line


def construct(node: yaml.Node) -> Any:
    """Turn a node into plain Python values (str, int, bool, date, list, dict)."""
    constructor = yaml.constructor.SafeConstructor()
    return constructor.construct_object(node, deep=True)


def _shown_value(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        return f" '{value[:60]}…'" if len(value) > 60 else f" '{value}'"
    return ""


def field_spans(node: yaml.MappingNode) -> list[tuple[int, int]]:
    """Where each field of a mapping is in the text: from its key to the next key (or the end)."""
    pairs = list(node.value)
    spans = []
    for i, (key, value) in enumerate(pairs):
        end = pairs[i + 1][0].start_mark.index if i + 1 < len(pairs) else node.end_mark.index
        spans.append((key.start_mark.index, max(end, value.end_mark.index)))
    return spans


def mapping_fields(
    node: yaml.MappingNode,
    path: str,
    first_line: int,
    problems: list[Problem],
    where: str = "",
    marks: Sequence[Mark] = (),
    seen: set[int] | None = None,
) -> dict[str, Field]:
    """The fields of a mapping by name; duplicate and non-text keys become problems.

    A value with an anchor or alias (``marks``, from :func:`anchors_and_aliases`), or too deep
    or too large (:func:`shape_problem`), is reported and kept as :data:`REFUSED`, unbuilt.
    """
    fields: dict[str, Field] = {}
    seen = set() if seen is None else seen
    for (key_node, value_node), (start, end) in zip(node.value, field_spans(node), strict=True):
        line = line_of(key_node, first_line)
        if (
            not isinstance(key_node, yaml.ScalarNode)
            or key_node.tag != "tag:yaml.org,2002:str"
            or not key_node.value.strip()
        ):
            problems.append(Problem(path, line, where or "front matter", "a key must be a word"))
            continue
        name = key_node.value
        label = f"{where}.{name}" if where else name
        if name in fields:
            problems.append(Problem(path, line, label, f"appears twice (first on line {fields[name].line})"))
            continue
        inside = marks_between(marks, start, end)
        if inside:
            problems.append(Problem(path, inside[0].line, label, alias_message(inside)))
            fields[name] = Field(name, REFUSED, line, value_node)
            continue
        shape = shape_problem(value_node, seen)
        if shape:
            problems.append(Problem(path, line, label, shape))
            fields[name] = Field(name, REFUSED, line, value_node)
            continue
        try:
            value = construct(value_node)
        except yaml.YAMLError as exc:
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(Problem(path, line, label, f"invalid value: {what}"))
            fields[name] = Field(name, REFUSED, line, value_node)
            continue
        except Exception as exc:
            # a tag or a value the constructor cannot build: !!float xyz, 2026-02-30, an empty !!int
            shown = _shown_value(value_node)
            problems.append(Problem(path, line, label, f"invalid value{shown}: {exc}"))
            fields[name] = Field(name, REFUSED, line, value_node)
            continue
        fields[name] = Field(name, value, line, value_node)
    return fields
