"""New projects and new entries: files that pass ``kbgen check`` as written."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kbgen.content import limits
from kbgen.content.settings import EMAIL_RE, ConfigLines
from kbgen.core import i18n, strings_zh_hant
from kbgen.core.channels import Channel, is_phone_number
from kbgen.core.chars import control_problem
from kbgen.core.errors import Problem

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
  - kbgen:            # search included; stages default to before-purchase, ordering-and-payment,
                      # after-the-order and after-delivery; see the README to rename them
      contact:        # the help menu on every page and the contact page list these channels
{channels}"""

EXAMPLE_NUMBER = "+1 555 0100"
"""The hotline ``kbgen init`` writes when none is given (555-01xx numbers are fictional)."""
EXAMPLE_ADDRESS = "help@example.com"
"""The e-mail address ``kbgen init`` writes when none is given (example.com is reserved)."""
_EXAMPLE_HOURS = {
    "en": "Mon–Fri 9:00–17:00",
    "zh": "周一至周五 9:00–17:00",
    "zh-Hant": strings_zh_hant.EXAMPLE_HOURS,
}


def channels_yaml(language: str, hotline: str | None, email: str | None) -> str:
    """The ``contact:`` options of a new project: the given hotline and e-mail, or, when neither
    is given, both as examples marked EXAMPLE (``kbgen check`` warns until they are replaced)."""
    hours = yaml_scalar(_EXAMPLE_HOURS[i18n.language_key(language)])
    pad = " " * 8
    if hotline is None and email is None:
        return (
            f"{pad}# EXAMPLE channels: replace them with your own (kbgen check warns until you do)\n"
            f"{pad}hotline:\n{pad}  number: {yaml_scalar(EXAMPLE_NUMBER)}   # EXAMPLE\n"
            f"{pad}  hours: {hours}   # EXAMPLE\n"
            f"{pad}email:\n{pad}  address: {yaml_scalar(EXAMPLE_ADDRESS)}   # EXAMPLE\n"
        )
    text = ""
    if hotline is not None:
        text += f"{pad}hotline:\n{pad}  number: {yaml_scalar(hotline)}\n"
        text += f"{pad}  hours: {hours}   # your opening hours\n"
    if email is not None:
        text += f"{pad}email:\n{pad}  address: {yaml_scalar(email)}\n"
    return text


def channel_problem(hotline: str | None, email: str | None) -> tuple[str, str] | None:
    """(option, why) if a hotline or e-mail given to ``kbgen init`` can't be used, else None."""
    if hotline is not None and not is_phone_number(hotline):
        return "--hotline", f"{json.dumps(hotline[:40], ensure_ascii=False)} is not a phone number"
    if email is not None and not EMAIL_RE.match(email):
        return "--email", f"{json.dumps(email[:60], ensure_ascii=False)} is not an e-mail address"
    return None


def example_channel_problems(channels: Iterable[Channel], lines: ConfigLines) -> list[Problem]:
    """The example channels ``kbgen init`` wrote that are still there."""
    found = []
    for channel in channels:
        if channel.key == "hotline" and channel.detail == EXAMPLE_NUMBER:
            found.append(
                lines.problem(
                    ["contact", "hotline", "number"], "is the example kbgen init wrote; put your own number"
                )
            )
        if channel.key == "email" and channel.detail.lower().endswith(("@example.com", ".example")):
            found.append(
                lines.problem(["contact", "email", "address"], "is an example address; put your own")
            )
    return found


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
    "zh-Hant": strings_zh_hant.EXAMPLE_ENTRY,
}

GITIGNORE = """\
# kbgen build output (site/ may also be a symlink or a mount point) and the staging
# folders a build uses next to it (.site-new-*, .site-old-*; the next build removes any
# that an interrupted build left behind)
/site
/.site-*
# kbgen report's page: it quotes what shoppers wrote, so it stays out of the repository
/report
"""

CODEOWNERS_PLACEHOLDER = "@REPLACE-WITH-YOUR-REVIEWERS"
"""The owner ``kbgen init`` writes into ``.github/CODEOWNERS``; ``kbgen check`` warns until it is replaced."""
CODEOWNERS = f"""\
# Code, not content: whoever changes these files changes what runs when the site is checked,
# built or deployed (MkDocs reads mkdocs.yml with PyYAML's full loader, so a Python tag in it
# runs during `kbgen check`; theme/ templates and hooks run in the build; netlify.toml and .ci
# run on the build machine). Writers' pull requests only touch content/.
#
# Replace {CODEOWNERS_PLACEHOLDER} with the GitHub user or team who reviews code (`kbgen check`
# warns until you do), then protect the main branch: require a pull request, a review from Code
# Owners and the CI check. See "Trusted files" in kbgen's README.
/mkdocs.yml        {CODEOWNERS_PLACEHOLDER}
/theme/            {CODEOWNERS_PLACEHOLDER}
/hooks/            {CODEOWNERS_PLACEHOLDER}
/netlify.toml      {CODEOWNERS_PLACEHOLDER}
/.ci/              {CODEOWNERS_PLACEHOLDER}
/.github/          {CODEOWNERS_PLACEHOLDER}
/pyproject.toml    {CODEOWNERS_PLACEHOLDER}
/requirements*.txt {CODEOWNERS_PLACEHOLDER}
"""
"""``.github/CODEOWNERS`` of a new project: the trusted files need a code review."""


def codeowners_problems(root: Path) -> list[Problem]:
    """The placeholder owner ``kbgen init`` wrote into ``.github/CODEOWNERS``, if it is still there."""
    path = root / ".github" / "CODEOWNERS"
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    line = next(
        (i for i, t in enumerate(lines, 1) if CODEOWNERS_PLACEHOLDER in t and not t.lstrip().startswith("#")),
        0,
    )
    if not line:
        return []
    return [
        Problem(
            ".github/CODEOWNERS",
            line,
            "owner",
            f"'{CODEOWNERS_PLACEHOLDER}' is the placeholder kbgen init wrote; put the GitHub user or team "
            "who reviews changes to mkdocs.yml, theme/, hooks, netlify.toml and .ci",
        )
    ]


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


def question_problem(question: str) -> str | None:
    """Why ``question`` can't start an entry (``kbgen check`` would refuse it), else None."""
    if not question.strip():
        return "must not be empty"
    if bad := control_problem(question):
        return bad
    size, most = len(question.strip()), limits.QUESTION_CHARS
    if size > most:
        return f"is {size:,} characters long; the longest kbgen takes is {most}"
    return None


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


def init_project(
    target: Path, *, name: str, language: str, hotline: str | None = None, email: str | None = None
) -> InitResult:
    """Write a new help-center project into ``target``; never overwrite an existing file.

    ``name``, ``language``, ``hotline`` and ``email`` must have been validated
    (:func:`name_problem`, Material's languages, :func:`channel_problem`); they are written into
    ``mkdocs.yml`` quoted. Without a hotline or e-mail, example channels are written. Files that
    exist already (a ``.gitignore``, a ``content/README.md`` …) are kept as they are and listed
    in ``kept``.
    Raises OSError (with the path) if a file cannot be written.
    """
    lang = i18n.language_key(language)
    front, body = EXAMPLE[lang]
    files = {
        target / "mkdocs.yml": MKDOCS_YML.format(
            name=yaml_scalar(name),
            language=yaml_scalar(language),
            channels=channels_yaml(language, hotline, email),
        ),
        target / "content" / "README.md": WRITERS_README,
        target / "content" / str(front["stage"]) / f"{front['id']}.md": entry_text(front, body),
        target / ".gitignore": GITIGNORE,
        target / ".github" / "CODEOWNERS": CODEOWNERS,
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
