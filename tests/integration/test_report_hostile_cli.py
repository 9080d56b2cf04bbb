"""``kbgen report`` run for real on hostile exports: what it prints (one JSON document with
--json, no terminal escapes, no traceback), where it writes, and the ``kbgen new`` lines it
suggests (which must run as printed)."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, WriteSite, entry, run_kbgen

DATA = ROOT / "tests" / "data" / "report"
SAMPLES = [str(p) for p in sorted(DATA.iterdir())]

# What reaches a terminal raw must never include these: ESC (CSI, OSC, OSC 52 which writes the
# clipboard), BEL, the single-character C1 CSI and OSC, and bidi overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"


def _jsonl(path: Path, rows: list[dict[str, object] | str]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


@pytest.fixture
def shop(write_site: WriteSite) -> Path:
    return write_site({"content/after-delivery/warranty.md": entry("How long is the warranty?")})


def _hostile(tmp_path: Path) -> Path:
    return _jsonl(
        tmp_path / "posts.jsonl",
        [
            {"form-name": "search-gap", "query": f"teapot {OSC52} spout", "created_at": "2026-03-01"},
            {"form-name": "search-gap", "query": "kettle \x1b[2J\x1b[31mred\x9b0m \u202eevil\u202c"},
            {"form-name": "search-gap", "query": "mug \u2066isolated\u2069 \x9d8;;http://x.example\x9c"},
            {"form-name": f"news{OSC52}letter", "query": "x"},
            {"form-name": "feedback", "entry_id": "warranty", "helpful": f"no{OSC52}"},
            {
                "form-name": "feedback",
                "entry_id": "warranty",
                "helpful": "no",
                "comment": f"broken \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ {OSC52}",
            },
        ],
    )


@pytest.mark.parametrize("args", [["--json"], ["--json", "--out", "out"], []])
def test_nothing_printed_holds_a_terminal_escape(shop: Path, tmp_path: Path, args: list[str]) -> None:
    proc = run_kbgen("report", str(_hostile(tmp_path)), *args, cwd=shop)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for stream in (proc.stdout, proc.stderr):
        assert not RAW.findall(stream), [m for m in RAW.findall(stream)]
    # The problem lines are still there, with the escape neutralised, not run.
    assert "form-name: 'news ]52;c;cm0gLXJmIH4= letter' is not a kbgen form" in proc.stderr
    if "--json" in args:
        data = json.loads(proc.stdout)
        assert any(q["query"].startswith("teapot") for q in data["gaps"])


@pytest.mark.parametrize("with_out", [False, True])
def test_json_is_the_only_thing_on_stdout(shop: Path, with_out: bool) -> None:
    out = ["--out", "report-page"] if with_out else []
    proc = run_kbgen("report", *SAMPLES, "--json", *out, cwd=shop)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # one document, nothing before or after it
    assert data["gaps"] and any(g["command"] for g in data["gaps"])  # the kbgen new lines are in it
    assert "kbgen new" not in proc.stdout.replace(json.dumps(data, ensure_ascii=False, indent=2), "")
    assert (shop / "report-page" / "index.html").exists() is with_out


def test_rows_that_used_to_end_in_a_traceback_are_skipped_and_the_report_written(
    shop: Path, tmp_path: Path
) -> None:
    posts = tmp_path / "posts.jsonl"
    deep = '{"form-name": "search-gap", "query": ' + "[" * 100_000 + "]" * 100_000 + "}"
    nested = {"form-name": "search-gap", "query": "x", "extra": json.loads("[" * 50 + "]" * 50)}
    posts.write_text(
        "\n".join(
            [
                json.dumps({"form-name": "search-gap", "query": "decaf beans"}),
                deep,
                '{"form-name": "search-gap", "query": "lone \\ud800 surrogate"}',
                json.dumps(nested),
                '{"form-name": "feedback", "entry_id": "warranty", "helpful": "no", "comment": "\\udcff"}',
                json.dumps({"form-name": "search-gap", "query": "oat milk"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    csv_file = tmp_path / "feedback-submissions.csv"
    csv_file.write_bytes(
        b"entry_id,helpful,comment\nwarranty,yes,fine\nwarranty,no,caf\xe9 latin-1 \xff\nwarranty,no,\n"
    )
    proc = run_kbgen("report", str(posts), str(csv_file), cwd=shop)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[:5] == [
        f"{posts}:2: row: is nested deeper than 20 levels; row skipped",
        f"{posts}:3: query: holds bytes that are not UTF-8 text; row skipped",
        f"{posts}:4: row: is nested deeper than 20 levels; row skipped",
        f"{posts}:5: comment: holds bytes that are not UTF-8 text; row skipped",
        f"{csv_file}:3: comment: holds bytes that are not UTF-8 text; row skipped",
    ]
    assert lines[-1] == "4 submissions: 1 entry with feedback, 2 gaps (2 open)"
    page = (shop / "report" / "index.html").read_text(encoding="utf-8")
    assert "decaf beans" in page and "oat milk" in page


def test_a_file_name_that_is_not_text_is_printed_safely(shop: Path, tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("a file name of raw bytes is a Linux thing")
    name = Path(bytes(tmp_path / "posts-").decode() + "\udcff\u202e.jsonl")
    _jsonl(name, ["{nope", {"form-name": "search-gap", "query": "decaf"}])
    proc = run_kbgen("report", str(name), "--json", cwd=shop)
    assert proc.returncode == 0, proc.stderr
    assert not RAW.findall(proc.stderr) and json.loads(proc.stdout)["problems"]


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("content", "is inside the content (content/)"),
        ("content/report", "is inside the content (content/)"),
        ("site/report", "is inside the site (site/)"),
    ],
)
def test_out_refuses_folders_the_next_check_or_build_reads(shop: Path, out: str, why: str) -> None:
    proc = run_kbgen("report", SAMPLES[-1], "--out", out, cwd=shop)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"--out: {out}: {why}; choose another folder; no report was written"]
    assert not list((shop / "content").rglob("index.html"))
    assert run_kbgen("check", cwd=shop).returncode == 0


def test_out_never_writes_through_a_symlink(shop: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (shop / "report").mkdir()
    (shop / "report" / "index.html").symlink_to(victim)
    proc = run_kbgen("report", SAMPLES[-1], cwd=shop)
    assert proc.returncode == 2 and "is a symbolic link" in proc.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert (shop / "report" / "index.html").is_symlink()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (shop / "linked").symlink_to(elsewhere, target_is_directory=True)
    proc = run_kbgen("report", SAMPLES[-1], "--out", "linked", cwd=shop)
    assert proc.returncode == 2 and "is a symbolic link" in proc.stderr
    assert not list(elsewhere.iterdir())


def _suggested(proc_stdout: str) -> list[str]:
    return [line for line in proc_stdout.splitlines() if line.startswith("kbgen new")]


def test_suggested_commands_run_as_printed(shop: Path, tmp_path: Path) -> None:
    posts = _jsonl(
        tmp_path / "posts.jsonl",
        [
            {"form-name": "search-gap", "query": "-10% voucher code"},
            {"form-name": "search-gap", "query": "--help"},
            {"form-name": "search-gap", "query": 'it\'s a "quoted" $HOME `teapot`'},
            {"form-name": "search-gap", "query": "teapot"},
        ],
    )
    proc = run_kbgen("report", str(posts), cwd=shop)
    assert proc.returncode == 0, proc.stderr
    commands = _suggested(proc.stdout)
    assert len(commands) == 4
    for command in commands:
        # Consistent quoting: the question is always in single quotes, after "--".
        assert re.fullmatch(r"kbgen new --stage \S+ -- '.*'", command), command
    written = []
    for command in commands:
        argv = shlex.split(command.replace("--stage STAGE", "--stage after-delivery"))
        assert argv[0] == "kbgen"
        run = run_kbgen(*argv[1:], cwd=shop)
        assert run.returncode == 0, (command, run.stderr)
        written.append(run.stdout)
    questions = []
    for line in written:
        text = (shop / line.split()[-1]).read_text(encoding="utf-8")
        questions.append(yaml.safe_load(text.split("---")[1])["question"])
    assert sorted(questions) == sorted(
        ["-10% voucher code", "--help", 'It\'s a "quoted" $HOME `teapot`', "Teapot"]
    )


def test_suggested_commands_never_copy_redacted_text(shop: Path, tmp_path: Path) -> None:
    posts = _jsonl(
        tmp_path / "posts.jsonl",
        [
            {"form-name": "search-gap", "query": "gift wrap call 0170 5550123"},
            {"form-name": "missing-answer", "message": "Refund to IBAN DE89 3704 0044 0532 0130 00?"},
            {
                "form-name": "missing-answer",
                "query": "gift wrap",
                "message": "Can you gift wrap? mail anna at example dot com",
            },
        ],
    )
    proc = run_kbgen("report", str(posts), "--json", cwd=shop)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    commands = [g["command"] for g in data["gaps"] if g["command"]]
    assert commands == ["kbgen new --stage STAGE -- 'Gift wrap'"]  # the search beside the message
    for secret in ("5550123", "DE89", "anna", "[phone]", "[IBAN]", "[e-mail]"):
        assert not any(secret in c for c in commands)
