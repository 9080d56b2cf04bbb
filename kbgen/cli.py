"""The ``kbgen`` command: init, new, translate, check, graph, build, serve, import, report."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from kbgen.authoring.importer import ImportFileError, import_rows
from kbgen.authoring.scaffold import entry_text, init_project, new_entry_id, question_problem
from kbgen.content import placeholders
from kbgen.content.loader import taken_ids
from kbgen.content.schema import ID_RE, ID_RULE
from kbgen.core import urls
from kbgen.core.errors import ContentError, Problem
from kbgen.mkdocs.project import Project

if TYPE_CHECKING:
    from kbgen.report.signups import Signups

F = TypeVar("F", bound=Callable[..., Any])

config_option = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The help center's mkdocs.yml.",
)


def reports_problems(outcome: str = "") -> Callable[[F], F]:
    """Turn ContentError into problem lines on stderr and exit status 1, with no traceback."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except ContentError as exc:
                click.echo(exc.report(outcome), err=True)
                sys.exit(1)

        return wrapper  # type: ignore[return-value]

    return decorate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kbgen")
def main() -> None:
    """kbgen: a layered, searchable help center from Markdown FAQ entries."""


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Help Center", show_default=True, help="The site name.")
@click.option("--language", default="en", show_default=True, help="UI language (en, zh, ...).")
@click.option("--hotline", help="The support phone number (default: an example to replace).")
@click.option("--email", help="The support e-mail address (default: an example to replace).")
def init(directory: Path, name: str, language: str, hotline: str | None, email: str | None) -> None:
    """Create a new help-center project in DIRECTORY, ready to build; never overwrites a file."""
    from kbgen.authoring.scaffold import channel_problem, name_problem
    from kbgen.deploy.publish import describe
    from kbgen.mkdocs.language import theme_languages

    if problem := name_problem(name):
        raise click.BadParameter(problem, param_hint="--name")
    if language not in theme_languages():
        base = language.split("-")[0].lower()
        close = sorted(k for k in theme_languages() if k.split("-")[0] == base)
        hint = f"did you mean {', '.join(close)}?" if close else "e.g. en, zh, de, fr, ja"
        shown = json.dumps(language[:40], ensure_ascii=False)  # quoted, control characters escaped
        raise click.BadParameter(
            f"{shown} is not a language Material for MkDocs has; {hint}", param_hint="--language"
        )
    if bad_channel := channel_problem(hotline, email):
        raise click.BadParameter(bad_channel[1], param_hint=bad_channel[0])
    if (directory / "mkdocs.yml").exists():
        click.echo(f"{directory / 'mkdocs.yml'}:1: file: already exists; not overwriting", err=True)
        sys.exit(1)
    try:
        result = init_project(directory, name=name, language=language, hotline=hotline, email=email)
    except OSError as exc:
        click.echo(f"{exc.filename or directory}: init: {describe(exc)}", err=True)
        sys.exit(1)
    for path in result.created:
        click.echo(f"created {path}")
    _supply_words(directory, language)
    for path in result.kept:
        click.echo(f"kept {path}: it exists already; not overwritten", err=True)
    if directory / ".gitignore" in result.kept:
        click.echo(
            f"note: make sure {directory / '.gitignore'} ignores the build output: /site and /.site-*",
            err=True,
        )
    if hotline is None and email is None:
        click.echo(
            f"note: {directory / 'mkdocs.yml'} has an EXAMPLE hotline and e-mail address; "
            "replace them with your own (or run init with --hotline and --email)",
            err=True,
        )
    if directory / ".github" / "CODEOWNERS" in result.created:
        click.echo(
            f"note: {directory / '.github' / 'CODEOWNERS'} puts mkdocs.yml, theme/, hooks, netlify.toml "
            "and .ci under review: replace its placeholder owner with your reviewers",
            err=True,
        )
    click.echo(f"next: cd {directory} && kbgen serve")


def _supply_words(directory: Path, language: str) -> None:
    """For a language kbgen has no words for: a strings file to translate, and a warning."""
    from kbgen.content import wording
    from kbgen.core import i18n

    if i18n.has_words(language):
        return
    target = directory / wording.DEFAULT
    try:
        with target.open("x", encoding="utf-8") as f:
            f.write(wording.template(language))
    except FileExistsError:
        pass
    except OSError:
        return
    else:
        click.echo(f"created {target}")
    click.echo(
        f"warning: kbgen has no words in '{language}': its pages show English ones until you translate "
        f"them in {target} (every text is there, commented out); kbgen check lists what is left",
        err=True,
    )


@main.command()
@click.argument("question")
@click.option("--stage", required=True, help="The journey stage id, e.g. after-delivery.")
@click.option("--id", "entry_id", help="The entry id (default: made from the question).")
@config_option
@reports_problems()
def new(question: str, stage: str, entry_id: str | None, config_file: str) -> None:
    """Start a new entry for QUESTION in the content directory."""
    if problem := question_problem(question):  # what `kbgen check` would refuse
        raise click.BadParameter(problem, param_hint="QUESTION")
    project = Project.open(config_file)
    stage_ids = [s.id for s in project.stages]
    if stage not in stage_ids:
        raise click.BadParameter(
            f"unknown stage '{stage}'; use one of: {', '.join(stage_ids)}", param_hint="--stage"
        )
    if entry_id is not None and not ID_RE.match(entry_id):
        raise click.BadParameter(f"'{entry_id[:60]}' is not a valid id: use {ID_RULE}", param_hint="--id")
    entry_id = entry_id or new_entry_id(question)
    target = project.content_dir / stage / f"{entry_id}.md"
    if target.exists():
        click.echo(
            f"{project.shown(target)}:1: file: already exists; pass --id to choose another id", err=True
        )
        sys.exit(1)
    if entry_id in taken_ids(project.content_dir):
        click.echo(
            f"{project.shown(target)}:1: id: '{entry_id}' is already used by an entry (its id, file "
            "name or an alias); pass --id to choose another id",
            err=True,
        )
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    placeholder = placeholders.template(project.config.theme.get("language"))  # in the site's language
    target.write_text(
        entry_text(
            {
                "id": entry_id,
                "question": question,
                "stage": stage,
                "summary": placeholder["summary"],
                "keywords": [],
            },
            placeholder["body"],
        ),
        encoding="utf-8",
    )
    click.echo(f"created {project.shown(target)}")


@main.command()
@click.argument("entry")
@click.option("--to", "to_language", required=True, help="zh-Hant (Taiwan phrasing) or zh-Hans.")
@config_option
@reports_problems()
def translate(entry: str, to_language: str, config_file: str) -> None:
    """Draft ENTRY (a path or an id) in the other Chinese script, for a writer to review."""
    from kbgen.authoring import translate as tr

    project = Project.open(config_file)
    source = tr.find_source(project.content_dir, entry)
    if source is None:
        where = project.shown(project.content_dir)
        raise click.BadParameter(f"no entry file or id '{entry[:60]}' in {where}/")
    shown = project.shown(source)
    try:
        rel = PurePosixPath(source.resolve().relative_to(project.content_dir.resolve()).as_posix())
        default = project.config.theme.get("language")  # the first of `languages:`, when set
        default = project.languages[0].language.code if project.languages else default
        made = tr.draft(source.read_text(encoding="utf-8-sig"), rel, to_language, default, shown)
        target = tr.write(project.content_dir, made)
    except ValueError:
        raise click.BadParameter(f"{shown} is not in {project.shown(project.content_dir)}/") from None
    except tr.TranslateError as exc:
        click.echo(f"{shown}:1: {exc.field}: {exc.message}", err=True)
        sys.exit(1)
    except FileExistsError:
        target = project.content_dir / made.rel
        click.echo(f"{project.shown(target)}:1: file: already exists; it was not replaced", err=True)
        sys.exit(1)
    shown_target = project.shown(target)
    click.echo(f"created {shown_target}: a draft (OpenCC {made.config}; Taiwan phrasing, not Hong Kong's)")
    click.echo("next: review its words against the source, then delete its TODO line")
    click.echo("(kbgen check and kbgen build refuse the draft until then)")


@main.command()
@click.option("--external", is_flag=True, help="Also check that shop, image and channel URLs answer.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for each URL (--external).")
@click.option("--strict", is_flag=True, help="Missing and outdated translations are problems, not warnings.")
@config_option
@reports_problems()
def check(config_file: str, external: bool, timeout: float, strict: bool) -> None:
    """Validate every entry and the catalog; print each problem as path:line: field: message."""
    start = time.perf_counter()
    try:
        project = Project.open(config_file)
    except ContentError as exc:  # the content is checked once mkdocs.yml can be read
        raise ContentError(exc.problems, incomplete=True) from None
    kb, translations = project.load_all(refuse_placeholders=True)
    untranslated = [w for content in translations for w in content.warnings]
    if strict and untranslated:
        raise ContentError(untranslated)
    if external:
        from kbgen.authoring import external as ext
        from kbgen.content.settings import ConfigLines

        lines = ConfigLines(project.config_file)
        targets = ext.catalog_targets(
            kb, project.content_dir / project.catalog, project.shown(project.content_dir / project.catalog)
        ) + ext.channel_targets(
            project.settings.channels,
            lines.shown,
            {c.key: lines.line("contact", c.key, "url") for c in project.settings.channels},
        )
        n_urls = len({t.url for t in targets})
        click.echo(f"checking {n_urls} outbound URLs (timeout {timeout:g}s)…", err=True)
        problems = ext.check(targets, timeout=timeout)
        if problems:
            raise ContentError(problems)
    took = time.perf_counter() - start
    click.echo(
        f"ok: {len(kb.entries)} entries, {len(kb.products)} products, "
        f"{len(kb.stages)} stages checked in {took:.2f}s",
        err=True,
    )
    _warn_about_channels(project)  # after the summary line, which tools read first
    for content in translations:
        for warning in content.warnings:
            click.echo(f"warning: {warning}", err=True)
    _warn_about_words(project)
    from kbgen.authoring.scaffold import codeowners_problems

    for problem in codeowners_problems(project.root):
        click.echo(f"warning: {problem}", err=True)


def _warn_about_words(project: Project) -> None:
    """A language kbgen has no words for shows English ones until the strings file has them."""
    from kbgen.content import wording
    from kbgen.content.settings import ConfigLines
    from kbgen.core import i18n

    language = project.config.theme.get("language")
    untranslated = wording.missing(language, project.settings.wording)
    if not untranslated:
        return
    name = str(project.config["plugins"]["kbgen"].config.get("strings") or wording.DEFAULT)
    total = len(i18n.STRINGS["en"])
    if len(untranslated) == total:
        lines = ConfigLines(project.config_file)
        where = f"{lines.shown}:{lines.top_line('theme', 'language')}: theme.language"
    else:
        where = f"{name}:{project.settings.wording.section_line(language)}: {language}"
    click.echo(
        f"warning: {where}: kbgen has no words in '{language}': {len(untranslated)} of its {total} "
        f"texts show in English (first: {', '.join(untranslated[:3])}); translate them in {name} "
        f"beside mkdocs.yml under '{language}:' (README: Wording and other languages)",
        err=True,
    )


def _warn_about_channels(project: Project) -> None:
    """No contact channel leaves the help menu empty; init's example channels must be replaced."""
    from kbgen.authoring.scaffold import example_channel_problems
    from kbgen.content.settings import ConfigLines

    lines = ConfigLines(project.config_file)
    if not project.settings.channels:
        line = lines.line("contact")
        line = line if line > 1 else lines.top_line("plugins")  # `- kbgen` has no options to point at
        click.echo(
            f"warning: {lines.shown}:{line}: plugins.kbgen.contact: no contact channel; "
            "the help menu and the contact page will be empty: add a hotline number or an e-mail address",
            err=True,
        )
    for problem in example_channel_problems(project.settings.channels, lines):
        click.echo(f"warning: {problem}", err=True)


@main.command()
@click.option("--mermaid", is_flag=True, help="Print a Mermaid flowchart to paste into a page.")
@config_option
@reports_problems()
def graph(mermaid: bool, config_file: str) -> None:
    """Print the product compatibility graph: works with, accessories, does not work with."""
    from kbgen.core.graph import ProductGraph

    project = Project.open(config_file)
    g = ProductGraph.of(project.load().products)
    if not g.products:
        click.echo(f"{project.shown(project.content_dir / project.catalog)}: no products", err=True)
    click.echo(g.as_mermaid() if mermaid else g.as_text(), nl=False)


@main.command()
@config_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Build into this directory.")
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' debug messages.")
@click.option(
    "--offline",
    is_flag=True,
    help="Also make offline.zip in the site: the help center opened from disk, with search, no network.",
)
@reports_problems("nothing was built; the previous site is unchanged")
def build(config_file: str, site_dir: str | None, verbose: bool, offline: bool) -> None:
    """Check the content, then build the site; the old site stays if anything fails."""
    from kbgen.deploy import publish
    from kbgen.mkdocs import commands
    from kbgen.mkdocs import offline as offline_copy
    from kbgen.travel.offline import ZIP_NAME, OfflineError

    overrides: dict[str, Any] = {"strict": True}  # a broken link or anchor fails the build
    if site_dir:
        overrides["site_dir"] = site_dir
    project = Project.open(config_file, **overrides)
    # the same messages as `kbgen check`, before anything is written
    kb, translations = project.load_all(refuse_placeholders=True)
    final = Path(project.config.site_dir)
    offline = offline or bool(project.config.plugins["kbgen"].config.get("offline"))

    def rel(path: Path) -> str:  # as the user wrote it: a symlinked site/ is shown as site
        return os.path.relpath(path, project.root.absolute()).replace(os.sep, "/")

    def failed(where: str, reason: str) -> NoReturn:
        click.echo(f"{where}: build: {reason}; the previous site in {rel(final)} was kept", err=True)
        sys.exit(1)

    try:
        staging = publish.prepare(final)
    except publish.PublishError as exc:
        failed(rel(exc.path), publish.describe(exc.error))
    for leftover in staging.removed:
        click.echo(f"removed {rel(leftover)}/, left by an interrupted build", err=True)
    project.config.site_dir = str(staging.dir)
    commands.setup_logging(verbose)
    start = time.perf_counter()
    try:
        commands.build(project, kb, translations, shown_as=rel(final))
    except commands.EngineError as exc:
        publish.discard(staging)
        failed(f"{project.shown(project.config_file)}:1", str(exc))
    except OSError as exc:  # a full or read-only disk: name the file as it would be in the site
        publish.discard(staging)
        failed(rel(staging.blame(exc)), publish.describe(exc))
    except BaseException:
        publish.discard(staging)
        raise
    packed = None
    if offline:
        try:
            packed = offline_copy.make_zip(
                project.config_file, overrides, kb, translations, staging.dir / ZIP_NAME
            )
        except commands.EngineError as exc:
            publish.discard(staging)
            failed(f"{project.shown(project.config_file)}:1", f"offline copy: {exc}")
        except OfflineError as exc:
            publish.discard(staging)
            failed(f"{rel(final)}/{ZIP_NAME}", str(exc))
        except OSError as exc:
            publish.discard(staging)
            failed(rel(staging.blame(exc)), publish.describe(exc))
        except BaseException:
            publish.discard(staging)
            raise
    try:
        notes = publish.publish(staging)
    except publish.PublishError as exc:
        failed(rel(staging.shown(exc.path)), publish.describe(exc.error))
    for note in notes:
        click.echo(f"warning: {note}", err=True)
    click.echo(
        f"built {len(kb.entries)} entries into {rel(final)}/ in {time.perf_counter() - start:.1f}s",
        err=True,
    )
    if packed is not None:
        click.echo(
            f"offline copy: {rel(final)}/{ZIP_NAME} ({packed.size:,} bytes, {packed.files} files); "
            f"unzip it and open {packed.folder}/index.html",
            err=True,
        )


@main.command()
@config_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option(
    "--full-rebuild", is_flag=True, help="Build the whole site on every change (slower; as mkdocs serve)."
)
@click.option(
    "--record",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Append the site's feedback and form posts to FILE (JSON Lines that kbgen report reads).",
)
@reports_problems("the preview was not started")
def serve(
    config_file: str, dev_addr: str | None, open_browser: bool, full_rebuild: bool, record: Path | None
) -> None:
    """Preview the site: a saved edit shows in the open tab within a second, and while the
    content has problems every page shows them. Feedback sent from the preview is shown here."""
    from kbgen.mkdocs import commands

    commands.setup_logging(False)
    try:
        commands.serve(
            config_file, dev_addr=dev_addr, open_browser=open_browser, full=full_rebuild, record=record
        )
    except commands.EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@main.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", help="Import only rows whose 'lang' is this (e.g. en, zh-Hans).")
@click.option("--stage", help="Stage for rows that have none (default: the first stage).")
@click.option(
    "--allow-skipped", is_flag=True, help="Exit with status 0 even if some rows were skipped."
)
@config_option
@reports_problems()
def import_(
    source: Path, lang: str | None, stage: str | None, allow_skipped: bool, config_file: str
) -> None:
    """Import FAQ rows (JSON Lines or CSV with id, question, answer) as entry files.

    Exits with status 1 if no row was imported, or if any row was skipped (unless
    --allow-skipped), so that CI notices a partial import."""
    project = Project.open(config_file)
    stage_ids = [s.id for s in project.stages]
    if stage and stage not in stage_ids:
        raise click.BadParameter(
            f"unknown stage '{stage}'; use one of: {', '.join(stage_ids)}", param_hint="--stage"
        )
    existing = _existing_ids(project)
    result = None
    try:
        for rows, result in import_rows(
            source, str(source), project.content_dir, stage_ids, lang=lang, stage=stage, existing_ids=existing
        ):
            if rows and rows % 500 == 0:
                click.echo(f"… {rows} rows read, {len(result.written)} entries written", err=True)
    except ImportFileError as exc:
        problem = Problem(str(source), exc.line, exc.field, exc.message + "; nothing was imported")
        raise ContentError([problem]) from None
    assert result is not None
    for problem in result.skipped:
        click.echo(str(problem), err=True)
    click.echo(
        f"imported {len(result.written)} entries into {project.shown(project.content_dir)}/"
        f" ({len(result.skipped)} rows skipped, {result.filtered} of other languages)",
        err=True,
    )
    if not result.written:
        sys.exit(1)
    if result.skipped and not allow_skipped:
        click.echo(
            f"{source}: import: {len(result.skipped)} rows were skipped (listed above); fix them and "
            "import again, or pass --allow-skipped to accept a partial import",
            err=True,
        )
        sys.exit(1)


def _existing_ids(project: Project) -> set[str]:
    return taken_ids(project.content_dir)


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the page to DIR/index.html (default: report/; never inside the site).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the report as JSON (and write no page unless --out)."
)
@click.option("--since", help="Only submissions from this date on (ISO 8601, e.g. 2026-03-01).")
@click.option(
    "--lang",
    "language",
    help="Write the page in this language (en, zh-Hans, zh-Hant; default: the site's default language).",
)
@config_option
@reports_problems("no report was written")
def report(
    files: tuple[Path, ...],
    out_dir: Path | None,
    as_json: bool,
    since: str | None,
    language: str | None,
    config_file: str,
) -> None:
    """Turn feedback, missing-answer and search-gap submissions (Netlify CSV exports or JSON Lines)
    into a to-do list: least helpful answers, what shoppers could not find and, for a site in
    several languages, each language's missing and outdated translations; and count "Tell me
    when this changes" sign-ups per answer (never showing an address)."""
    from kbgen.content import wording
    from kbgen.core import i18n
    from kbgen.core.languages import TAG
    from kbgen.report import page, read, summary
    from kbgen.report.gaps import Answers
    from kbgen.report.signups import lines as signups_lines
    from kbgen.report.terminal import shown, shown_lines
    from kbgen.report.translations import statuses

    def say(line: str, err: bool = True) -> None:
        """Every line the report prints: shoppers' text may hold terminal escapes."""
        click.echo(shown(line), err=err)

    for stream in (sys.stdout, sys.stderr):  # a terminal that is not UTF-8 gets escapes, no traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    when = None
    if since is not None:
        try:
            when = read.parse_when(since)
        except ValueError:
            raise click.BadParameter(
                f"{shown(repr(since[:40]))} is not an ISO 8601 date", param_hint="--since"
            ) from None
    project = Project.open(config_file)
    if language is not None:
        supplied = project.settings.wording.for_language(language)
        if not TAG.fullmatch(language) or not (i18n.has_words(language) or supplied):
            raise click.BadParameter(
                f"kbgen has no words for {shown(repr(language[:40]))}; use en, zh-Hans or zh-Hant, "
                f"or give the words in {wording.DEFAULT}",
                param_hint="--lang",
            )
    kb, translations = project.load_all()
    if language is None:  # the site's default language
        first = project.languages[0].language.code if project.languages else None
        language = first or project.config.theme.get("language") or "en"
    words = wording.words(language, project.settings.wording)
    own = i18n.has_words(language) or bool(project.settings.wording.for_language(language))
    page_lang = language if own and TAG.fullmatch(language) else "en"
    site_dir = Path(project.config.site_dir).resolve()
    given = out_dir or project.root / "report"
    out = given.resolve()
    refused = _report_out_refused(project, given, out)
    if refused:
        say(f"--out: {out_dir or 'report'}: {refused}; no report was written")
        sys.exit(2)
    got = read.read_files(list(files))
    problem_lines = [str(problem) for problem in got.problems]
    for line in problem_lines:
        say(line)
    if got.problems and not got.submissions:
        say("no submission could be read; no report was written")
        sys.exit(1)
    directory = bool(project.config.use_directory_urls)
    names = {e.id: urls.entry_name(e.id) for e in kb.entries}
    site_urls = {i: urls.url_for(n, directory) for i, n in names.items()}
    product_urls = {p.id: urls.url_for(urls.product_name(p.id), directory) for p in kb.products}
    site_url = project.config.site_url or ""
    links = {
        i: urls.absolute(site_url, u)
        if site_url
        else Path(os.path.relpath(site_dir / urls.dest_for(names[i], directory), out)).as_posix()
        for i, u in site_urls.items()
    }
    result = summary.summarize(
        got.submissions,
        kb,
        Answers(kb, site_urls, product_urls, project.settings.search.thesaurus),
        links,
        when,
    )
    result.problems = problem_lines
    result.translations = statuses(translations, kb, project.shown(project.content_dir), links)
    if out_dir is not None or not as_json:
        try:
            target = page.write(result, out, project.config.site_name or "", words, page_lang)
        except (page.UnsafeTargetError, OSError) as exc:
            say(f"--out: {exc}; no report was written")
            sys.exit(2)
        written = os.path.relpath(target)
        say(f"wrote {target if written.startswith('..') else written}")
        if not as_json:  # with --json, stdout holds the JSON only: the lines are in it
            stage_ids = [s.id for s in kb.stages]
            for gap in result.open_gaps:
                command = summary.new_command(gap, stage_ids)
                if command:
                    say(command, err=False)
    if as_json:
        click.echo(shown_lines(summary.dumps(result)))
    for status in result.translations:  # as kbgen check lists them, then a count per language
        for line in status.warnings:
            say(f"warning: {line}")
    say(
        f"{_count(result.submissions, 'submission')}: "
        f"{_count(len(result.entries), 'entry', 'entries')} with feedback, "
        f"{_count(len(result.gaps), 'gap')} ({len(result.open_gaps)} open)"
        + _signups_said(result.signups)
    )
    if not as_json:
        for line in signups_lines(result.signups):
            say(line)
    for status in result.translations:
        say(
            f"{status.code}: {len(status.missing)} missing, {len(status.outdated)} outdated"
            + (f", {len(status.unversioned)} without source_version" if status.unversioned else "")
            + " translations"
        )


def _signups_said(found: list[Signups]) -> str:
    """The summary line's end: how many sign-ups for updates, on how many entries ('' for none)."""
    if not found:
        return ""
    total = sum(s.count for s in found)
    return f", {_count(total, 'sign-up')} for updates on {_count(len(found), 'entry', 'entries')}"


def _count(n: int, one: str, many: str = "") -> str:
    """'1 entry', '2 entries'."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def _report_out_refused(project: Project, given: Path, out: Path) -> str:
    """Why the report may not be written to ``out`` (resolved from ``given``), or ''.

    Not inside the site (the next build would publish what shoppers wrote), the content or the
    theme (the next ``check`` would read the page as content), and not through a link.
    """
    if given.is_symlink():
        return "is a symbolic link; choose a real folder"
    theme = project.config.theme.custom_dir
    for folder, what in (
        (Path(project.config.site_dir).resolve(), "the site"),
        (project.content_dir.resolve(), "the content"),
        *([(Path(theme).resolve(), "the theme")] if theme else []),
    ):
        if out == folder or out.is_relative_to(folder):
            return f"is inside {what} ({project.shown(folder)}/); choose another folder"
    if out.exists() and not out.is_dir():
        return "is not a folder"
    return ""
