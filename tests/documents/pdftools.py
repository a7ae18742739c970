"""Read a PDF back the way a person would: its text (poppler's pdftotext) and page size."""

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "slip.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            [tool, *args, str(path), "-"] if tool == "pdftotext" else [tool, str(path)],
            capture_output=True,
            check=True,
        )
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The text of every page (`pdftotext -layout`), NFC, with runs of whitespace as one space."""
    text = unicodedata.normalize("NFC", _run("pdftotext", pdf, "-layout", "-enc", "UTF-8"))
    return " ".join(text.split())


def page_size(pdf: bytes) -> tuple[float, float]:
    """(width, height) of the first page in points, as `pdfinfo` reports it."""
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", pdf))
    assert match, "pdfinfo reports no page size"
    return float(match[1]), float(match[2])


def page_count(pdf: bytes) -> int:
    match = re.search(r"Pages:\s+(\d+)", _run("pdfinfo", pdf))
    assert match
    return int(match[1])
