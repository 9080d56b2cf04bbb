"""YAML parsed with line numbers kept, so every message can point at the line of a field.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two
duplicate keys; composing the node tree ourselves keeps both facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ~10x faster and keeps the same marks
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

from kbgen.core.errors import Problem


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


def compose(text: str, first_line: int = 1) -> yaml.Node | None:
    """Parse ``text`` into a node tree; ``first_line`` is the file line the text starts on."""
    try:
        return _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise YamlSyntaxError(line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(first_line, f"invalid YAML: {exc}") from None


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


def mapping_fields(
    node: yaml.MappingNode, path: str, first_line: int, problems: list[Problem], where: str = ""
) -> dict[str, Field]:
    """The fields of a mapping by name; duplicate and non-text keys become problems."""
    fields: dict[str, Field] = {}
    for key_node, value_node in node.value:
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
        try:
            value = construct(value_node)
        except yaml.YAMLError as exc:
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(Problem(path, line, label, f"invalid value: {what}"))
            continue
        except Exception as exc:
            # a tag or a value the constructor cannot build: !!float xyz, 2026-02-30, an empty !!int
            shown = _shown_value(value_node)
            problems.append(Problem(path, line, label, f"invalid value{shown}: {exc}"))
            continue
        fields[name] = Field(name, value, line, value_node)
    return fields
