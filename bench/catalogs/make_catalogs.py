#!/usr/bin/env python3
# ruff: noqa: E402, E501
"""Writes the two real-catalog help centers of bench/catalogs/ (issue 22) from the tables below.

The facts come from each maker's public documentation (see each catalog's SOURCE.md for the
repository, paths and license); the wording is ours. Run from the repository root:
``python3 bench/catalogs/make_catalogs.py``. The generated folders are committed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

MKDOCS = """# {title}: a kbgen help center built from {maker}'s public documentation (bench material,
# issue 22). See SOURCE.md for the source and license.
site_name: {title}
site_url: https://help.example.org/{slug}/
docs_dir: content
site_dir: site
strict: true

theme:
  name: material
  language: en
  font: false

plugins:
  - kbgen:
      contact:
        email:
          address: help@example.org
          hours: We answer within one working day.

markdown_extensions:
  - admonition
  - attr_list
  - tables
"""


def write(slug: str, title: str, maker: str, products: list[dict[str, Any]], entries: list[dict[str, Any]], language: str = "en") -> None:
    root = HERE / slug
    content = root / "content"
    for old in content.rglob("*.md") if content.exists() else ():
        old.unlink()
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS.format(title=title, maker=maker, slug=slug).replace("language: en", f"language: {language}"), encoding="utf-8")
    content.mkdir(parents=True, exist_ok=True)
    (content / "products.yml").write_text(
        f"# {title}: products and compatibility facts from {maker}'s documentation (see ../SOURCE.md).\n"
        + yaml.safe_dump(products, sort_keys=False, allow_unicode=True, width=110),
        encoding="utf-8",
    )
    for e in entries:
        folder = content / e["stage"]
        folder.mkdir(exist_ok=True)
        meta = {k: e[k] for k in ("id", "question", "stage", "summary", "keywords", "products") if k in e}
        body = e.get("body", "")
        (folder / f"{e['id']}.md").write_text(
            "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=110) + "---\n\n" + body.strip() + "\n",
            encoding="utf-8",
        )


sys.path.insert(0, str(HERE))
from data_arduino import ENTRIES as A_ENTRIES
from data_arduino import PRODUCTS as A_PRODUCTS
from data_raspberrypi import ENTRIES as R_ENTRIES
from data_raspberrypi import PRODUCTS as R_PRODUCTS
from data_raspberrypi_zh import ENTRIES as RZ_ENTRIES
from data_raspberrypi_zh import PRODUCTS as RZ_PRODUCTS

if __name__ == "__main__":
    write("arduino", "Arduino boards help center", "Arduino", A_PRODUCTS, A_ENTRIES)
    write("raspberrypi", "Raspberry Pi hardware help center", "Raspberry Pi", R_PRODUCTS, R_ENTRIES)
    write("raspberrypi-zh", "树莓派硬件帮助中心", "Raspberry Pi", RZ_PRODUCTS, RZ_ENTRIES, "zh")
