"""The public lookup address of a dossier and its QR code (no personal data in either)."""

import functools
from urllib.parse import urlencode

import segno
from django.conf import settings

LOOKUP_PATH = "/tra-cuu/"


def lookup_url(code: str) -> str:
    """Absolute URL of the public lookup page for dossier `code`: the QR payload."""
    return f"{settings.SITE_URL}{LOOKUP_PATH}?{urlencode({'code': code})}"


def qr_data_uri(code: str) -> str:
    """An SVG data URI of the QR code holding `lookup_url(code)`; printable, offline."""
    return _qr_svg(lookup_url(code))


@functools.lru_cache(maxsize=512)
def _qr_svg(url: str) -> str:
    # Each slip of a dossier prints the same code; reprints do not draw it again.
    qr = segno.make(url, error="m", micro=False)
    return qr.svg_data_uri(scale=4, border=2, unit="mm", svgversion=1.1)
