"""HTML → PDF with WeasyPrint, offline: only data: URIs and this app's static files load."""

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint reports every layout step at INFO; slips are rendered per request.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_DIR = Path(__file__).resolve().parent / "static"


class RefusedURL(ValueError):
    """A slip referred to something outside data: URIs and local static files."""


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


def html_to_pdf(html: str) -> bytes:
    """Render `html` (with inline CSS) to PDF bytes without touching the network."""
    document = HTML(string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=OfflineFetcher())
    return document.write_pdf()
