"""HTML → PDF with WeasyPrint, offline: only data: URIs and this app's static files load."""

import functools
import logging
import threading
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


_per_thread = threading.local()


def _thread_fetcher():
    """One fetcher per thread, made once: building one sets up urllib's handlers, an SSL
    context among them (≈ 20 ms), and a fetcher keeps per-request state, so threads do not
    share one."""
    fetcher = getattr(_per_thread, "fetcher", None)
    if fetcher is None:
        fetcher = _per_thread.fetcher = offline_fetcher()
    return fetcher


def html_to_pdf(html: str) -> bytes:
    """Render `html` (with inline CSS) to PDF bytes without touching the network."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=_thread_fetcher())
    return document.write_pdf()
