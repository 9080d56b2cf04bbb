"""New projects and new entries: files that pass ``kbgen check`` as written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kbgen import i18n

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


def init_project(target: Path, *, name: str, language: str) -> list[Path]:
    """Write a new help-center project into ``target`` (which must not hold one yet)."""
    lang = i18n.language_key(language)
    front, body = EXAMPLE[lang]
    files = {
        target / "mkdocs.yml": MKDOCS_YML.format(
            name=json.dumps(name, ensure_ascii=False), language=language
        ),
        target / "content" / "README.md": WRITERS_README,
        target / "content" / str(front["stage"]) / f"{front['id']}.md": entry_text(front, body),
        target / ".gitignore": "site/\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
