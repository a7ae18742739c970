"""HTML → PDF with WeasyPrint, offline: only data: URIs and this app's static files load.

Printings reuse what they can from the earlier ones (`_Renderer`: fonts, parsed stylesheets,
the URL fetcher) and keep Python's garbage collector at a slower pace while they run
(`collecting_less_often`); what they print is byte for byte what a fresh WeasyPrint prints.
"""

import functools
import gc
import logging
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

# WeasyPrint reports every layout step at INFO; slips are rendered per request.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

STATIC_DIR = Path(__file__).resolve().parent / "static"


class RefusedURL(ValueError):
    """A slip referred to something outside data: URIs and local static files."""


@functools.cache
def _offline_fetcher_class():
    # WeasyPrint (and Pango behind it) is imported on first use, not at start-up: pages and
    # commands that never print a slip do not pay for it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OfflineFetcher(URLFetcher):
        """Fetches data: URIs and files under `roots`; refuses everything else (no network)."""

        def __init__(self, roots: tuple[Path, ...] = (STATIC_DIR,)):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.roots = tuple(root.resolve() for root in roots)

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(unquote(urlparse(url).path))).resolve()
                if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes())
            raise RefusedURL(f"Refused while rendering offline: {url[:80]}")

    return OfflineFetcher


def offline_fetcher(roots: tuple[Path, ...] = (STATIC_DIR,)):
    """An offline URL fetcher instance (the class is built on first use)."""
    return _offline_fetcher_class()(roots)


# The one plain <style> element of a page such as a slip's; its rules are parsed once per
# renderer and handed to WeasyPrint as a parsed stylesheet instead (see `html_to_pdf`).
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# Rules whose effect WeasyPrint keeps in the document, not in the parsed stylesheet: a
# stylesheet holding one of these is parsed with each page, as written.
_PER_DOCUMENT_RULES = ("@import", "@font-face", "@counter-style", "@color-profile", "@layer")
_STYLESHEETS_PER_RENDERER = 32


class _Renderer:
    """What a printing reuses from the earlier ones.

    - the URL fetcher: building one sets up urllib's handlers, an SSL context among them
      (≈ 20 ms);
    - the font configuration: a fresh one finds, opens and shapes with every font again
      (≈ 40 % of a slip's layout);
    - the parsed stylesheets, by their text: a slip's stylesheet is the same for every slip
      printed on the same paper.

    A renderer serves one printing at a time (the fetcher keeps per-request state, and
    Pango's font map must not be used by two threads at once), then waits among the idle
    ones for the next printing, whichever thread makes it: the server's threads come and go
    (granian ends a thread left idle for 30 s), the renderers stay. There are as many as
    printings have run at once.
    """

    def __init__(self):
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = offline_fetcher()
        self.fonts = FontConfiguration()
        self.stylesheets = {}

    def stylesheet(self, css: str):
        sheet = self.stylesheets.get(css)
        if sheet is None:
            from weasyprint import CSS

            if len(self.stylesheets) >= _STYLESHEETS_PER_RENDERER:
                self.stylesheets.clear()
            sheet = self.stylesheets[css] = CSS(
                string=css, base_url=BASE_URL, url_fetcher=self.fetcher, font_config=self.fonts
            )
        return sheet


_idle: list[_Renderer] = []
_idle_lock = threading.Lock()


@contextmanager
def _renderer():
    """An idle renderer (a new one when all are busy), given back after the printing."""
    with _idle_lock:
        renderer = _idle.pop() if _idle else None
    if renderer is None:
        renderer = _Renderer()
    try:
        yield renderer
    finally:
        with _idle_lock:
            _idle.append(renderer)


BASE_URL = str(STATIC_DIR) + "/"


def _hoist_style(html: str) -> tuple[str, str | None]:
    """`html` without its stylesheet, and the stylesheet, when that changes nothing printed.

    Only a page with exactly one plain `<style>` element, in its head, and no linked
    stylesheet qualifies: its rules are then the page's only author rules, so given to
    WeasyPrint apart they cascade the same (the PDF is byte for byte the same).
    """
    if "<link" in html:
        return html, None
    found = None
    for match in _STYLE.finditer(html):
        if found is not None:
            return html, None
        found = match
    if found is None or any(rule in found[1] for rule in _PER_DOCUMENT_RULES):
        return html, None
    if not 0 <= found.end() <= html.find("</head>"):  # in the body (an inline SVG's own…)
        return html, None
    return html[: found.start()] + html[found.end() :], found[1]


_collector = threading.Lock()
_printings = 0  # printings under way in this process
_thresholds = gc.get_threshold()
# Objects allocated between two runs of the collector's youngest generation while a slip is
# printed (Python's default is 700).
PRINTING_GC_THRESHOLD = 100_000


@contextmanager
def collecting_less_often():
    """Run Python's cyclic garbage collector rarely while a slip is printed.

    A printing allocates some hundred thousand objects, most of them alive until the page is
    written; at the default pace the collector runs ≈ 15 times per slip, walking those
    objects each time and, every few slips, every object of the process (≈ 15 ms of a 70 ms
    first printing on average, and most of the slow tail). While any printing is under way,
    the youngest generation is collected every `PRINTING_GC_THRESHOLD` allocations instead
    of 700: what cycles printings leave are still collected, only later. The thresholds are
    the process's: printings in other threads share them; the last one to end restores them.
    """
    global _printings, _thresholds
    with _collector:
        if _printings == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(max(_thresholds[0], PRINTING_GC_THRESHOLD), *_thresholds[1:])
        _printings += 1
    try:
        yield
    finally:
        with _collector:
            _printings -= 1
            if _printings == 0:
                gc.set_threshold(*_thresholds)


def html_to_pdf(html: str) -> bytes:
    """Render `html` (with inline CSS) to PDF bytes without touching the network."""
    from weasyprint import HTML

    # Fonts a page declares itself (@font-face, maybe in a linked stylesheet) would stay in
    # the renderer's font configuration for its later pages: such a page gets its own.
    own_fonts = "@font-face" in html or "<link" in html
    html, css = _hoist_style(html)
    with collecting_less_often(), _renderer() as renderer:
        stylesheets = [renderer.stylesheet(css)] if css is not None else None
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=renderer.fetcher)
        return document.write_pdf(
            stylesheets=stylesheets, font_config=None if own_fonts else renderer.fonts
        )
