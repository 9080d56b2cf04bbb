"""A set of broken content, each defect with the exact line `kbgen check` must print for it.

All files live in one project so the test also proves every problem is reported in one run.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen

GOOD = entry()

BROKEN: dict[str, tuple[str | bytes, list[str]]] = {
    # front matter never closed
    "content/unclosed.md": (
        "---\nquestion: Where is my parcel?\nstage: after-the-order\n\nBody\n",
        ["content/unclosed.md:1: front matter: is not closed: add a '---' line after the last field"],
    ),
    # no front matter at all
    "content/no-front.md": (
        "# Where is my parcel?\n\nBody\n",
        [
            "content/no-front.md:1: front matter: missing: the file must start with a '---' line, "
            "then question, stage and summary, then another '---' line"
        ],
    ),
    # invalid YAML: the error's line is the file's line
    "content/bad-yaml.md": (
        "---\nquestion: Where is my parcel?\nstage: after-the-order\nsummary: [unclosed\n---\nBody\n",
        [
            "content/bad-yaml.md:4: front matter: invalid YAML: did not find expected ',' or ']' "
            "(the list opened with '[' on this line is not closed)"
        ],
    ),
    "content/tab-yaml.md": (
        "---\nquestion: Where?\nstage: after-the-order\n\tsummary: x\n---\n",
        [
            "content/tab-yaml.md:4: front matter: invalid YAML: while scanning a plain scalar, "
            "found a tab character that violates indentation"
        ],
    ),
    # front matter that is not a mapping
    "content/list-front.md": (
        "---\n- question\n- stage\n---\nBody\n",
        [
            "content/list-front.md:2: front matter: is not a list of 'field: value' lines; "
            "write 'question:', 'stage:' and 'summary:' lines"
        ],
    ),
    "content/empty-front.md": (
        "---\n---\nBody\n",
        [
            "content/empty-front.md:2: front matter: is empty; write 'question:', 'stage:' and "
            "'summary:' lines"
        ],
    ),
    # missing and empty required fields
    "content/missing.md": (
        "---\nquestion: Do you ship abroad?\n---\n",
        [
            "content/missing.md:1: stage: is required but missing",
            "content/missing.md:1: summary: is required but missing",
        ],
    ),
    "content/empty-question.md": (
        "---\nquestion:\nstage: before-purchase\nsummary: '   '\n---\n",
        [
            "content/empty-question.md:2: question: is empty; write the text after the colon",
            "content/empty-question.md:4: summary: is empty; write the text after the colon",
        ],
    ),
    # wrong types
    "content/types.md": (
        "---\nquestion: No\nstage: before-purchase\nsummary: Fine.\nkeywords: refund\n"
        "order: first\npopular: maybe\nupdated: last week\n---\n",
        [
            "content/types.md:2: question: must be text, not yes/no (false); put it in quotes",
            "content/types.md:5: keywords: must be a list of words or phrases, e.g. [a, b], "
            "not text ('refund')",
            "content/types.md:6: order: must be a whole number, not text ('first')",
            "content/types.md:7: popular: must be true or false, not text ('maybe')",
            "content/types.md:8: updated: must be a date written YYYY-MM-DD, not text ('last week')",
        ],
    ),
    # unknown field, with a suggestion
    "content/typo.md": (
        entry(sumary="typo").replace("summary: Yes, within 30 days.\n", ""),
        [
            "content/typo.md:1: summary: is required but missing",
            "content/typo.md:4: sumary: unknown field; did you mean 'summary'?",
        ],
    ),
    # duplicate key
    "content/dup-key.md": (
        "---\nquestion: A?\nstage: after-delivery\nsummary: B.\nquestion: C?\n---\n",
        ["content/dup-key.md:5: question: appears twice (first on line 2)"],
    ),
    # unknown stage
    "content/bad-stage.md": (
        entry(stage="after-sales"),
        [
            "content/bad-stage.md:3: stage: unknown stage 'after-sales'; use one of: before-purchase, "
            "ordering-and-payment, after-the-order, after-delivery"
        ],
    ),
    # invalid ids: explicit, and from a file name
    "content/bad-id.md": (
        entry(id="Return_Item"),
        [
            "content/bad-id.md:5: id: 'Return_Item' is not a valid id: use lowercase letters, digits "
            "and single hyphens, e.g. 'return-opened-item'"
        ],
    ),
    "content/退货.md": (
        entry(),
        [
            "content/退货.md:1: id: the file name '退货' is not a valid id; add 'id: tui-huo' to the "
            "front matter or rename the file (lowercase letters, digits and single hyphens, "
            "e.g. 'return-opened-item')"
        ],
    ),
    # duplicate id: names both files
    "content/a/returns.md": (entry(), []),
    "content/b/returns.md": (
        entry(question="Another?"),
        ["content/b/returns.md:1: id: duplicate id 'returns': content/a/returns.md:1 uses it too"],
    ),
    # unknown products / related, self-reference, aliases that collide
    "content/refs.md": (
        entry(
            products="[aero-one, aero-too]",
            related="[returns, no-such-entry, refs]",
            aliases="[returns, old-refs]",
        ),
        [
            "content/refs.md:5: products: unknown product 'aero-too'; did you mean 'aero-one'?",
            "content/refs.md:6: related: an entry cannot be related to itself",
            "content/refs.md:6: related: unknown entry 'no-such-entry'",
            "content/refs.md:7: aliases: 'returns' is the id of content/a/returns.md; an alias must "
            "be an old id that no entry uses now",
        ],
    ),
    "content/refs2.md": (
        entry(aliases="\n  - old-refs"),
        ["content/refs2.md:6: aliases: 'old-refs' is also an alias in content/refs.md"],
    ),
    # not UTF-8 (Latin-1 é on line 3)
    "content/latin1.md": (
        b"---\nquestion: Caf\xe9?\nstage: x\n---\n".replace(b"Caf\xe9?\nstage: x", b"Cafe?\nstage: caf\xe9"),
        ["content/latin1.md:3: file: is not UTF-8 (byte 0xe9 at column 11); save it with UTF-8 encoding"],
    ),
    # empty files
    "content/empty.md": (
        "",
        ["content/empty.md:1: file: is empty; an entry starts with front matter between '---' lines"],
    ),
    "content/blank.md": (
        "\n  \n",
        ["content/blank.md:1: file: is empty; an entry starts with front matter between '---' lines"],
    ),
    # the catalog
    "content/products.yml": (
        "- id: aero-one\n  name: Aero One\n  summary: Espresso machine.\n"
        "  url: https://shop.example.com/aero-one\n  compatible_with: [aqua, aero-one]\n"
        "  accessories:\n    - tamper\n    - milk-jug\n"
        "- id: aqua\n  name: Aqua filter\n  summary: Water filter.\n  url: javascript:alert(1)\n"
        "- id: aqua\n  name: Aqua again\n  summary: Dup.\n  url: https://shop.example.com/aqua\n"
        "  image: images/missing.png\n  colour: blue\n"
        "- id: tamper\n  summary: 58 mm tamper.\n  url: https://shop.example.com/tamper\n"
        "- just a string\n"
        # compatibility links (issue 4): the products from line 23 on
        "- id: pico\n  name: Pico\n  summary: 51 mm machine.\n  url: https://shop.example.com/pico\n"
        "  compatible_with: [grinder]\n  accessories: [ghost-acc]\n  incompatible_with:\n"
        "    - id: tamper-58\n      reason: Different group head size.\n"
        "    - id: pico\n      reason: Itself.\n"
        "    - {id: grinder, reason: Too big.}\n"
        "    - id: ghost\n      reason: Nobody.\n"
        "- id: grinder\n  name: Grinder\n  summary: Grinds.\n  url: https://shop.example.com/grinder\n"
        "  incompatible_with: [{id: pico}]\n"
        "- id: tamper-58\n  name: Tamper\n  summary: Tamps.\n  url: https://shop.example.com/tamper-58\n"
        "  compatible_with: [pico]\n"
        "- id: kettle\n  name: Kettle\n  summary: Boils.\n  url: https://shop.example.com/kettle\n"
        "  incompatible_with: pico\n"
        "- id: mug\n  name: Mug\n  summary: Holds.\n  url: https://shop.example.com/mug\n"
        "  incompatible_with: [{id: pico, why: Too hot.}]\n"
        "- id: jug\n  name: Jug\n  summary: Pours.\n  url: https://shop.example.com/jug\n"
        "  accessories: [cup]\n"
        "- id: cup\n  name: Cup\n  summary: Holds.\n  url: https://shop.example.com/cup\n"
        "  incompatible_with:\n    - id: jug\n      reason: Spills.\n"
        "- id: bowl\n  name: Bowl\n  summary: Holds.\n  url: https://shop.example.com/bowl\n"
        "  incompatible_with: [{id: pico, reason: ''}]\n",
        [
            "content/products.yml:5: aero-one.compatible_with: a product cannot list itself",
            "content/products.yml:8: aero-one.accessories: unknown product 'milk-jug'",
            "content/products.yml:12: aqua.url: 'javascript:alert(1)' is not allowed: use an absolute "
            "https:// (or http://) address",
            # found although this aqua has other problems too: every problem in one run (issue 21)
            "content/products.yml:13: aqua.id: duplicate product id 'aqua': line 9 uses it too",
            "content/products.yml:17: aqua.image: file 'images/missing.png' not found",
            "content/products.yml:18: aqua.colour: unknown field; known fields: id, name, summary, "
            "url, image, compatible_with, accessories, incompatible_with, keywords, aliases",
            "content/products.yml:19: tamper.name: is required but missing",
            "content/products.yml:22: products[5]: must be a product with id, name, summary, url",
            "content/products.yml:28: pico.accessories: unknown product 'ghost-acc'",
            "content/products.yml:30: pico.incompatible_with: 'tamper-58' is also listed in "
            "tamper-58.compatible_with (line 46); a pair cannot be both compatible and incompatible",
            "content/products.yml:32: pico.incompatible_with: a product cannot list itself",
            "content/products.yml:34: pico.incompatible_with: 'grinder' is also listed in "
            "pico.compatible_with (line 27); a pair cannot be both compatible and incompatible",
            "content/products.yml:35: pico.incompatible_with: unknown product 'ghost'",
            "content/products.yml:41: grinder.incompatible_with: item 1 needs reason, e.g. "
            "{id: tamper-58, reason: different group head size}",
            "content/products.yml:51: kettle.incompatible_with: must be a list of mappings like "
            "{id: tamper-58, reason: different group head size}, not text ('pico')",
            "content/products.yml:56: mug.incompatible_with: item 1 has unknown field 'why'; "
            "use id and reason",
            "content/products.yml:67: cup.incompatible_with: 'jug' is also listed in jug.accessories "
            "(line 61); a pair cannot be both compatible and incompatible",
            "content/products.yml:73: bowl.incompatible_with: item 1 reason is empty; write the text after "
            "the colon",
        ],
    ),
}


def test_check_reports_every_defect_once_with_file_line_and_field(write_site: WriteSite) -> None:
    files = {path: text for path, (text, _) in BROKEN.items()}
    files["content/good.md"] = GOOD
    files["content/README.md"] = "# Not an entry\n"
    root = write_site(files)

    proc = run_kbgen("check", cwd=root)

    expected = sorted(line for _, lines in BROKEN.values() for line in lines)
    got = proc.stderr.splitlines()
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in got[:-1]]
    assert keys == sorted(keys), "problems are listed by file, then line"
    assert sorted(got[:-1]) == expected
    # files whose front matter cannot be parsed hide their fields: the summary says so
    assert got[-1] == f"{len(expected)} problems found; more checks run once these are fixed."
    assert proc.stdout == ""


def test_catalog_duplicate_id_and_syntax_error(write_site: WriteSite) -> None:
    dup = (
        "- id: a\n  name: A\n  summary: S.\n  url: https://x.example/a\n"
        "- id: a\n  name: A2\n  summary: S.\n  url: https://x.example/a2\n"
    )
    root = write_site({"content/q.md": GOOD, "content/products.yml": dup})
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "content/products.yml:5: a.id: duplicate product id 'a': line 1 uses it too"
    )

    (root / "content/products.yml").write_text("- id: a\n  name: [A\n", encoding="utf-8")
    proc = run_kbgen("check", cwd=root)
    # at the line where the [ opens
    assert proc.stderr.splitlines()[0].startswith("content/products.yml:2: catalog: invalid YAML:")


def test_bom_and_crlf_are_valid(write_site: WriteSite) -> None:
    crlf = GOOD.replace("\n", "\r\n").encode()
    root = write_site({"content/crlf.md": crlf, "content/bom.md": b"\xef\xbb\xbf" + GOOD.encode()})
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("ok: 2 entries, 0 products, 4 stages")


def test_missing_config_file_is_a_clear_message(tmp_path: Path) -> None:
    proc = run_kbgen("check", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("mkdocs.yml:1: file: not found; run 'kbgen init DIR'")
    assert "Traceback" not in proc.stderr
