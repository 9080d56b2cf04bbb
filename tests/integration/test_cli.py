"""The writer's commands, run for real: init, new, check, build, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPORA, WriteSite, entry, run_kbgen
from tests.helpers import front_matter, page


def test_init_new_check_build(tmp_path: Path) -> None:
    run_kbgen("init", "shop", "--name", "Acme: Help", cwd=tmp_path, check=True)
    shop = tmp_path / "shop"
    assert run_kbgen("check", cwd=shop).returncode == 0

    proc = run_kbgen("new", "Can I pay by invoice?", "--stage", "ordering-and-payment", cwd=shop)
    assert proc.returncode == 0, proc.stderr
    created = shop / "content/ordering-and-payment/can-i-pay-by-invoice.md"
    assert front_matter(created)["question"] == "Can I pay by invoice?"
    todo = run_kbgen("check", cwd=shop)  # what `new` left to fill in is a problem
    assert todo.returncode == 1
    assert todo.stderr.splitlines() == [
        "content/ordering-and-payment/can-i-pay-by-invoice.md:5: summary: is still the placeholder "
        "'kbgen new' wrote; write the short answer",
        "content/ordering-and-payment/can-i-pay-by-invoice.md:10: body: still has a placeholder (TODO) "
        "'kbgen new' wrote; write the details",
        "2 problems found.",
    ]
    assert run_kbgen("build", cwd=shop).returncode == 1  # and is never published
    text = created.read_text(encoding="utf-8")
    created.write_text(
        text.replace(
            "TODO: the short answer in one or two sentences.", "Yes, for orders over 100 euros."
        ).replace("TODO: steps, conditions and troubleshooting go here.", "Choose Invoice at checkout."),
        encoding="utf-8",
    )
    assert run_kbgen("check", cwd=shop).stderr.startswith("ok: 2 entries")

    again = run_kbgen("new", "Can I pay by invoice?", "--stage", "ordering-and-payment", cwd=shop)
    assert again.returncode == 1
    assert "content/ordering-and-payment/can-i-pay-by-invoice.md:1: file: already exists" in again.stderr
    bad_stage = run_kbgen("new", "Hello?", "--stage", "after-sales", cwd=shop)
    assert bad_stage.returncode == 2 and "unknown stage 'after-sales'" in bad_stage.stderr

    run_kbgen("build", cwd=shop, check=True)
    assert page(shop / "site", "questions/can-i-pay-by-invoice").h1.get_text() == "Can I pay by invoice?"
    assert page(shop / "site", "").h1.get_text() == "Acme: Help"
    assert run_kbgen("init", "shop", cwd=tmp_path).returncode == 1  # never overwrites


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    return path


def test_import_jsonl_reports_bad_rows_and_builds(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({})
    source = _jsonl(
        tmp_path / "faq.jsonl",
        [
            {
                "id": "ship-abroad",
                "lang": "en",
                "question": "Do you ship abroad?",
                "answer": "Yes. We ship to 30 countries in Europe.\n\nDuties are paid by the buyer.",
            },
            {"id": "ship-abroad", "lang": "de", "question": "Versendet ihr ins Ausland?", "answer": "Ja."},
            {
                "id": "pay-later",
                "lang": "en",
                "question": "Can I pay later?",
                "answer": "Maybe.",
                "summary": "Yes, within 14 days.",
                "stage": "ordering-and-payment",
                "keywords": "invoice, klarna",
            },
            {"id": "Bad_Id", "lang": "en", "question": "Q?", "answer": "A."},
            {"id": "no-answer", "lang": "en", "question": "Q?"},
            "{not json",
            {"id": "ship-abroad", "lang": "en", "question": "Again?", "answer": "Dup."},
            {"id": "odd-stage", "lang": "en", "question": "Q?", "answer": "A.", "stage": "later"},
        ],
    )
    proc = run_kbgen(
        "import", str(source), "--lang", "en", "--stage", "before-purchase", "--allow-skipped", cwd=root
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[:-1] == [
        f"{source}:4: id: 'Bad_Id' is not a valid id (lowercase letters, digits and single hyphens, "
        "e.g. 'return-opened-item')",
        f"{source}:5: answer: is missing or empty; row skipped",
        f"{source}:6: row: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{source}:7: id: 'ship-abroad' is already used; row skipped",
        f"{source}:8: stage: unknown stage 'later'; use one of: before-purchase, "
        "ordering-and-payment, after-the-order, after-delivery",
    ]
    assert lines[-1] == "imported 2 entries into content/ (5 rows skipped, 1 of other languages)"

    ship = front_matter(root / "content/before-purchase/ship-abroad.md")
    assert ship["summary"] == "Yes."
    assert ship["stage"] == "before-purchase"
    pay = front_matter(root / "content/ordering-and-payment/pay-later.md")
    assert pay["summary"] == "Yes, within 14 days." and pay["keywords"] == ["invoice", "klarna"]
    run_kbgen("build", cwd=root, check=True)
    assert "Duties are paid" in page(root / "site", "questions/ship-abroad").get_text()


def test_import_csv(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({})
    source = tmp_path / "faq.csv"
    source.write_text(
        'id,question,answer\nwarranty,"How long, exactly, is the warranty?",'
        '"Two years. Longer for members."\n',
        encoding="utf-8",
    )
    proc = run_kbgen("import", str(source), cwd=root)
    assert proc.returncode == 0, proc.stderr
    data = front_matter(root / "content/before-purchase/warranty.md")
    assert data["question"] == "How long, exactly, is the warranty?"
    assert data["summary"] == "Two years."


@pytest.mark.skipif(
    not (CORPORA / "liberapay-faq").is_dir(), reason="needs ../shared/corpora beside the repo (CI has it)"
)
def test_init_import_real_corpus_build(tmp_path: Path) -> None:
    run_kbgen("init", "lp", cwd=tmp_path, check=True)
    lp = tmp_path / "lp"
    (lp / "content/after-delivery/return-an-item.md").unlink()  # only imported entries remain
    proc = run_kbgen("import", str(CORPORA / "liberapay-faq/faq.jsonl"), "--lang", "en", cwd=lp)
    assert proc.returncode == 0, proc.stderr
    text = (CORPORA / "liberapay-faq/faq.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    english = [r for r in rows if r["lang"] == "en"]
    assert proc.stderr.splitlines()[-1].startswith(f"imported {len(english)} entries")
    run_kbgen("build", cwd=lp, check=True)
    for row in english:
        assert page(lp / "site", f"questions/{row['id']}").h1.get_text() == " ".join(row["question"].split())


def test_check_1000_entries_quickly(write_site: WriteSite) -> None:
    files = {
        f"content/e{i}.md": entry(question=f"Question {i}?", related="[e0]" if i else "[]")
        for i in range(1000)
    }
    root = write_site(files)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("ok: 1000 entries")
