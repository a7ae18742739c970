"""A plain text progress bar for long commands (generate, rebuild_rollups)."""

import sys
import time


class ProgressBar:
    """`advance(n)` after each batch; redraws at most ten times a second."""

    def __init__(self, total: int, label: str, *, stream=None, width: int = 30):
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done >= self.total:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(share, 1.0))
        elapsed = now - self.started
        speed = self.done / elapsed if elapsed > 0 else 0.0
        line = (
            f"\r{self.label}: [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done:,}/{self.total:,} ({share:.0%}; {speed:,.0f}/s)"
        ).replace(",", ".")
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()
