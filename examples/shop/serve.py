"""Serve the example shop and the demo help center on two origins, as they would run in production.

Usage (from the repository root, with kbgen installed):

    python3 examples/shop/serve.py            # shop http://127.0.0.1:8000/, help http://127.0.0.1:8001/

1. Builds the help center (`python3 -m kbgen build`, the repository's mkdocs.yml by default) into a
   temporary directory, with its `site_url` set to the local help origin, so the widget's links
   to full answers stay on this machine.
2. Serves it the way Netlify would: the headers of netlify.toml and of the built `_headers` file
   (Content-Security-Policy, the widget's cross-origin headers, caching), gzip, ETags, the built
   `_redirects`, 404.html, and form posts (feedback), which it prints.
3. Serves the shop (`examples/shop/public/`) on a second origin with a strict CSP that allows
   the help origin and nothing else: no 'unsafe-inline', no 'unsafe-eval'. The shop's pages name
   the production help center (https://help.northbrew.example); the pages are served with
   that origin replaced by the local help origin.

Only the standard library serves (http.server, threading). `tests/browser/test_headers.py` has
a similar Netlify-like server, but it lives in the test suite and imports pytest, so this file
has its own. `bench/widget.py` and `tests/browser/test_example_shop.py` import it.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import io
import json
import re
import signal
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import yaml

HERE = Path(__file__).resolve().parent
PUBLIC = HERE / "public"
ROOT = HERE.parent.parent
# The help center's origin as written in the shop's pages (the demo's site_url).
PRODUCTION_HELP = "https://help.northbrew.example"
WIDGET_TAG = re.compile(r'<script\b[^>]*\bsrc="[^"]*/widget\.js"[^>]*>\s*</script>\s*')
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
# Netlify's default for files without a Cache-Control rule: cache, but revalidate every time.
DEFAULT_CACHE = "public, max-age=0, must-revalidate"

Headers = dict[str, str]
Rules = list[tuple[str, Headers]]

# Bodies already gzipped, by their content's ETag, as a CDN's edge keeps what it compressed: a
# file is compressed once however many requests and servers (hard-linked copies of a site) ask
# for it. At level 9 a 200 KB prefix file of a 10,000-entry split index took zlib 120-190 ms,
# each request: more than a warm keystroke's whole answer (bench/results/issue20-split.txt).
GZIP_CACHE_BYTES = 64 * 1024 * 1024
_gzipped: dict[str, bytes] = {}
_gzip_total = [0]  # their bytes
_gzip_lock = threading.Lock()


def gzipped(data: bytes, etag: str) -> bytes:
    """``data`` gzipped at level 9 (what the server sends), compressed once per content (at each
    request when ``GZIP_CACHE_BYTES`` is 0)."""
    if GZIP_CACHE_BYTES <= 0:
        return gzip.compress(data, compresslevel=9, mtime=0)
    with _gzip_lock:
        got = _gzipped.get(etag)
    if got is None:
        got = gzip.compress(data, compresslevel=9, mtime=0)
        with _gzip_lock:
            if _gzip_total[0] + len(got) > GZIP_CACHE_BYTES:
                _gzipped.clear()
                _gzip_total[0] = 0
            if etag not in _gzipped:
                _gzip_total[0] += len(got)
            _gzipped[etag] = got
    return got


def precompress(folder: Path) -> int:
    """Compress every compressible file under ``folder`` now (as a host that serves its files
    precompressed does), not at its first request; returns how many. Served as before."""
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file():
            data = path.read_bytes()
            gzipped(data, etag_of(data))
            count += 1
    return count


def etag_of(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


Post = tuple[str, str, str, str]  # (origin of the page that sent it, path, content type, body)


def shop_csp(help_origin: str) -> str:
    """The shop's Content-Security-Policy: its own origin, the help origin, and nothing else."""
    h = help_origin
    return (
        f"default-src 'self'; script-src 'self' {h}; style-src 'self' {h}; "
        f"connect-src 'self' {h}; img-src 'self' {h}; worker-src {h} blob:"
    )


class NetlifyLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with header rules, gzip, ETags, `_redirects`, 404.html and recorded posts."""

    rules: ClassVar[Rules] = []
    redirects: ClassVar[dict[str, tuple[int, str]]] = {}
    label: ClassVar[str] = ""
    verbose: ClassVar[bool] = False
    on_post: ClassVar[list[Callable[[Post], None]]] = []  # called with each post

    def log_message(self, format: str, *args: object) -> None:
        if self.verbose:
            sys.stderr.write(f"[{self.label}] {format % args}\n")

    def rule_headers(self) -> dict[str, str]:
        """Headers of every rule whose pattern matches the request path (a later rule wins)."""
        path = self.path.split("?", 1)[0]
        exact, wild = self._rule_index()
        found = exact.get(path, []) + [(n, values) for n, pattern, values in wild if fnmatch(path, pattern)]
        headers: dict[str, str] = {}
        for _, values in sorted(found, key=lambda rule: rule[0]):
            headers.update(values)
        return headers

    @classmethod
    def _rule_index(cls) -> tuple[dict[str, list[tuple[int, Headers]]], list[tuple[int, str, Headers]]]:
        """The rules by exact path (a pattern without wildcards matches that path only) and the
        wildcard ones, each with its position: a large site's `_headers` has a rule for each
        page (10,000 at 10,000 entries), and matching each request against all of them cost
        the test server about 45 ms (Netlify's edge does not), twice a request."""
        indexed = cls.__dict__.get("_indexed")
        if indexed is None or indexed[0] is not cls.rules:
            exact: dict[str, list[tuple[int, Headers]]] = {}
            wild: list[tuple[int, str, Headers]] = []
            for n, (pattern, values) in enumerate(cls.rules):
                if any(c in pattern for c in "*?["):
                    wild.append((n, pattern, values))
                else:
                    exact.setdefault(pattern, []).append((n, values))
            indexed = (cls.rules, exact, wild)
            cls._indexed = indexed  # type: ignore[attr-defined]
        return indexed[1], indexed[2]

    def end_headers(self) -> None:
        for name, value in self.rule_headers().items():
            self.send_header(name, value)
        super().end_headers()

    def transform(self, path: Path, data: bytes) -> bytes:
        """The bytes to send for a file (subclasses rewrite pages here)."""
        return data

    def send_head(self) -> BinaryIO | None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        redirect = self.redirects.get(url_path)
        if redirect:
            self.send_response(redirect[0])
            self.send_header("Location", redirect[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path = Path(self.directory) / "404.html"
            status = 404
            if not path.is_file():
                self.send_error(404, "File not found")
                return None
        data = self.transform(path, path.read_bytes())
        etag = etag_of(data)
        if status == 200 and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        compress = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzipped(data, etag) if compress else data
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        if "Cache-Control" not in self.rule_headers():
            self.send_header("Cache-Control", DEFAULT_CACHE)
        if path.suffix in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        post = (
            self.headers.get("Origin", ""),
            self.path,
            self.headers.get("Content-Type", ""),
            self.rfile.read(length).decode("utf-8", "replace"),
        )
        self.server.posts.append(post)  # type: ignore[attr-defined]
        for callback in self.on_post:
            callback(post)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_OPTIONS(self) -> None:
        # CORS preflight: the allowed origins, methods and headers come from the header rules.
        self.send_response(204)
        self.end_headers()


class ShopHandler(NetlifyLikeHandler):
    """The shop's pages, with the help origin replaced by the local one (and the widget, if off, removed)."""

    help_origin: ClassVar[str] = PRODUCTION_HELP
    widget: ClassVar[bool] = True

    def transform(self, path: Path, data: bytes) -> bytes:
        if path.suffix != ".html":
            return data
        text = data.decode("utf-8").replace(PRODUCTION_HELP, self.help_origin.rstrip("/"))
        if not self.widget:
            text = WIDGET_TAG.sub("", text)
        return text.encode("utf-8")


def netlify_rules(site: Path, netlify_toml: Path | None) -> Rules:
    """(path pattern, headers) from netlify.toml's [[headers]] and then the site's `_headers` file."""
    rules: Rules = []
    if netlify_toml is not None and netlify_toml.is_file():
        config = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
        rules += [(h["for"], {k: str(v) for k, v in h["values"].items()}) for h in config.get("headers", [])]
    headers_file = site / "_headers"
    current: dict[str, str] | None = None
    lines = headers_file.read_text(encoding="utf-8").splitlines() if headers_file.is_file() else []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            current = {}
            rules.append((line.strip(), current))
        elif current is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return rules


def netlify_redirects(site: Path) -> dict[str, tuple[int, str]]:
    """Exact-path rules of the site's `_redirects` file: path → (status, target)."""
    redirects: dict[str, tuple[int, str]] = {}
    file = site / "_redirects"
    for line in file.read_text(encoding="utf-8").splitlines() if file.is_file() else []:
        parts = line.split()
        if len(parts) >= 2 and not parts[0].startswith("#") and "*" not in parts[0]:
            status = int(parts[2].rstrip("!")) if len(parts) > 2 and parts[2].rstrip("!").isdigit() else 301
            redirects.setdefault(parts[0], (status, parts[1]))
    return redirects


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that leaves a page mid-transfer closes the connection: not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _listen(host: str, port: int) -> http.server.ThreadingHTTPServer:
    server = _Server((host, port), NetlifyLikeHandler)
    server.posts = []  # type: ignore[attr-defined]
    return server


def _run(
    server: http.server.ThreadingHTTPServer, handler: type[NetlifyLikeHandler], directory: Path
) -> tuple[http.server.ThreadingHTTPServer, str]:
    def make(*args: Any, **kwargs: Any) -> NetlifyLikeHandler:
        return handler(*args, directory=str(directory), **kwargs)

    server.RequestHandlerClass = make
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host!s}:{port}/"


def serve_help(
    site: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    netlify_toml: Path | None = ROOT / "netlify.toml",
    verbose: bool = False,
    on_post: Callable[[Post], None] | None = None,
    server: http.server.ThreadingHTTPServer | None = None,
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built help center as Netlify would; returns the server and its base URL.

    ``server``: a server already listening (see `start`), else one is opened on host:port.
    """
    attrs = {
        "rules": netlify_rules(site, netlify_toml),
        "redirects": netlify_redirects(site),
        "label": "help",
        "verbose": verbose,
        "on_post": [on_post] if on_post else [],
    }
    handler = type("HelpHandler", (NetlifyLikeHandler,), attrs)
    return _run(server or _listen(host, port), handler, site)


def serve_shop(
    help_origin: str, host: str = "127.0.0.1", port: int = 0, *, widget: bool = True, verbose: bool = False
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the example shop under its strict CSP, embedding the widget of ``help_origin``."""
    origin = help_origin.rstrip("/")
    attrs = {
        "rules": [("/*", {"Content-Security-Policy": shop_csp(origin), "X-Content-Type-Options": "nosniff"})],
        "help_origin": origin,
        "widget": widget,
        "label": "shop" if widget else "shop without widget",
        "verbose": verbose,
    }
    return _run(_listen(host, port), type("Shop", (ShopHandler,), attrs), PUBLIC)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use tags such as !ENV or !!python/name (their values are unused here)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def build_help_site(dest: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> None:
    """Build the help center of ``config`` into ``dest``, with its site_url set to ``site_url``.

    A temporary mkdocs.yml inherits ``config`` (mkdocs' INHERIT) and sets site_url; docs_dir and
    the theme's custom_dir are made absolute, since they are relative to the file that names them.
    If the build fails, prints kbgen's messages (those of `kbgen check` on ``config`` if it
    finds problems, since they name the real file's lines) and exits.
    """
    config = config.resolve()
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    override: dict[str, Any] = {
        "INHERIT": str(config),
        "site_url": site_url,
        "docs_dir": str(config.parent / str(data.get("docs_dir", "docs"))),
    }
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        override["theme"] = {"custom_dir": str(config.parent / str(theme["custom_dir"]))}
    with tempfile.TemporaryDirectory(prefix="kbgen-shop-") as tmp:
        child = Path(tmp) / "mkdocs.yml"
        child.write_text(json.dumps(override, indent=2), encoding="utf-8")  # JSON is YAML
        result = subprocess.run(
            [sys.executable, "-m", "kbgen", "build", "-f", str(child), "-d", str(dest)],
            cwd=config.parent,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        # `kbgen check` on the real file names its lines; the build's messages name the temporary one.
        check = subprocess.run(
            [sys.executable, "-m", "kbgen", "check", "-f", str(config)],
            cwd=config.parent,
            capture_output=True,
            text=True,
        )
        failed = check if check.returncode != 0 else result
        sys.stderr.write(failed.stdout + failed.stderr)
        raise SystemExit(f"kbgen build of {config} failed (exit status {result.returncode})")


@dataclass
class Demo:
    """The help center and the shop, both being served."""

    help_url: str
    shop_url: str
    help_site: Path
    servers: list[http.server.ThreadingHTTPServer] = field(default_factory=list)
    _tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def posts(self) -> list[Post]:
        """Every form post the help center received: (origin, path, content type, body)."""
        return self.servers[0].posts  # type: ignore[attr-defined,no-any-return]

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()
        if self._tmp is not None:
            self._tmp.cleanup()


def start(
    *,
    host: str = "127.0.0.1",
    shop_port: int = 0,
    help_port: int = 0,
    config: Path = ROOT / "mkdocs.yml",
    verbose: bool = False,
    on_post: Callable[[Post], None] | None = None,
) -> Demo:
    """Build the help center for its local origin and serve it and the shop (port 0: any free port)."""
    # Listen first: the build needs the origin the help center will be served from.
    listening = _listen(host, help_port)
    try:
        shop_server, shop_url = serve_shop(
            f"http://{host}:{listening.server_address[1]}", host, shop_port, verbose=verbose
        )
    except BaseException:
        listening.server_close()
        raise
    help_origin = f"http://{host}:{listening.server_address[1]}"
    tmp = tempfile.TemporaryDirectory(prefix="kbgen-shop-help-")
    site = Path(tmp.name) / "site"
    try:
        build_help_site(site, help_origin + "/", config)
    except BaseException:
        tmp.cleanup()
        listening.server_close()
        shop_server.shutdown()
        shop_server.server_close()
        raise
    help_server, help_url = serve_help(
        site, netlify_toml=config.parent / "netlify.toml", verbose=verbose, on_post=on_post, server=listening
    )
    return Demo(help_url, shop_url, site, [help_server, shop_server], tmp)


def _print_post(post: Post) -> None:
    origin, path, _, body = post
    print(f"[help] form post to {path} from {origin or 'the same origin'}: {body}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address both servers listen on")
    parser.add_argument("--shop-port", type=int, default=8000, help="the shop's port (default 8000)")
    parser.add_argument("--help-port", type=int, default=8001, help="the help center's port (default 8001)")
    parser.add_argument(
        "-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="the help center's mkdocs.yml"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request of both servers")
    args = parser.parse_args(argv)
    try:
        demo = start(
            host=args.host,
            shop_port=args.shop_port,
            help_port=args.help_port,
            config=args.config_file,
            verbose=args.verbose,
            on_post=_print_post,
        )
    except OSError as error:
        print(f"serve.py: cannot listen: {error} (choose other ports with --shop-port/--help-port)")
        return 1
    except KeyboardInterrupt:
        return 130
    shop = demo.shop_url
    print(f"Help center: {demo.help_url}  (built from {args.config_file}; Netlify's headers, gzip)")
    print(f"Shop:        {shop}  (its CSP allows {demo.help_url.rstrip('/')} and nothing else)")
    print(f"  home page      {shop}")
    print(f"  product pages  {shop}products/aero-one/  {shop}products/pico-espresso/")
    print(f"  checkout       {shop}checkout/")
    print("Feedback the help center receives is printed here. Ctrl+C stops both servers.", flush=True)
    # Stopped by a signal (kill, a CI timeout): stop as on Ctrl+C, so the temporary build is removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
