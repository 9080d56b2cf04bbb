"""New projects and new entries: files that pass ``kbgen check`` as written."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kbgen.core import i18n

MKDOCS_YML = """\
site_name: {name}
docs_dir: content
site_dir: site
strict: true

theme:
  name: material
  language: {language}
  font: false          # no Google Fonts: the site makes no third-party requests

plugins:
  - kbgen             # search included; stages default to before-purchase, ordering-and-payment,
                      # after-the-order and after-delivery; see the README to rename them
"""

EXAMPLE = {
    "en": (
        {
            "id": "return-an-item",
            "question": "How do I return an item?",
            "stage": "after-delivery",
            "summary": "Start a return from your order page within 30 days of delivery; "
            "we refund you once the item is back.",
            "keywords": ["refund", "send back"],
        },
        "## Steps\n\n1. Open your order.\n2. Choose **Return an item**.\n"
        "3. Print the label and drop the parcel off.\n",
    ),
    "zh": (
        {
            "id": "return-an-item",
            "question": "怎么退货？",
            "stage": "after-delivery",
            "summary": "签收后 30 天内在订单页面申请退货，商品寄回后为您退款。",
            "keywords": ["退款", "退换货"],
        },
        "## 步骤\n\n1. 打开订单。\n2. 选择“申请退货”。\n3. 打印退货面单并寄出包裹。\n",
    ),
}

GITIGNORE = """\
# kbgen build output (site/ may also be a symlink or a mount point) and the staging
# folders a build uses next to it (.site-new-*, .site-old-*; the next build removes any
# that an interrupted build left behind)
/site
/.site-*
"""

WRITERS_README = """\
# Help-center content

One Markdown file per question, written the way a shopper asks it. Every `.md` file here
except this README is an entry. Run `kbgen new "Your question?" --stage STAGE` to start one
and `kbgen check` to validate everything.
"""


def entry_text(front: dict[str, Any], body: str) -> str:
    """An entry file: YAML front matter (empty fields left out) and the Markdown body."""
    front = {k: v for k, v in front.items() if v not in (None, "", [], ())}
    meta = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{meta}---\n\n{body.strip()}\n"


def new_entry_id(question: str) -> str:
    """An id from a question: 'Can I pay by invoice?' → 'can-i-pay-by-invoice'."""
    return slugify(question, max_length=60, word_boundary=True) or "question"


def yaml_scalar(value: str) -> str:
    """``value`` as a double-quoted YAML scalar on one line (any text reads back as itself)."""
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_style='"').rstrip("\n")


def name_problem(name: str) -> str | None:
    """Why ``name`` can't be a site name (empty, or with control characters), else None."""
    if not name.strip():
        return "must not be empty"
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            return f"must not contain control characters (found U+{ord(ch):04X})"
    return None


@dataclass(frozen=True)
class InitResult:
    """What ``init_project`` wrote, and the files it found already there and left alone."""

    created: list[Path]
    kept: list[Path]


def init_project(target: Path, *, name: str, language: str) -> InitResult:
    """Write a new help-center project into ``target``; never overwrite an existing file.

    ``name`` and ``language`` must have been validated (:func:`name_problem`, Material's
    languages); they are written into ``mkdocs.yml`` quoted. Files that exist already (a
    ``.gitignore``, a ``content/README.md`` …) are kept as they are and listed in ``kept``.
    Raises OSError (with the path) if a file cannot be written.
    """
    lang = i18n.language_key(language)
    front, body = EXAMPLE[lang]
    files = {
        target / "mkdocs.yml": MKDOCS_YML.format(name=yaml_scalar(name), language=yaml_scalar(language)),
        target / "content" / "README.md": WRITERS_README,
        target / "content" / str(front["stage"]) / f"{front['id']}.md": entry_text(front, body),
        target / ".gitignore": GITIGNORE,
    }
    created: list[Path] = []
    kept: list[Path] = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as f:  # O_EXCL: never replaces, never follows a link
                f.write(text)
        except FileExistsError:
            kept.append(path)
        else:
            created.append(path)
    return InitResult(created, kept)
