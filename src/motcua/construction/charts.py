"""Server-rendered SVG bar charts: no script, no external asset, safe under a strict CSP."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f5fbf", "#d9822b", "#2e8540", "#8a1010")


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    *, title: str, categories: list[str], series: list[Series], width: int = 640, height: int = 300
) -> SafeString:
    """Grouped vertical bars, one group per category, with axis, gridlines, values and legend."""
    left, right, top, bottom = 48, 16, 36, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max([v for s in series for v in s.values] or [0]))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="chart" font-family="Liberation Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="20" font-size="14" font-weight="bold" fill="#1b1f24">'
        f"{escape(title)}</text>",
    ]
    for i in range(5):
        value = peak * i // 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#d0d7e2" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6673">{value}</text>'
        )
    groups = max(1, len(categories))
    group_w = plot_w / groups
    bar_w = min(40.0, group_w * 0.8 / max(1, len(series)))
    for gi, category in enumerate(categories):
        x0 = left + gi * group_w + (group_w - bar_w * len(series)) / 2
        for si, s in enumerate(series):
            value = s.values[gi] if gi < len(s.values) else 0
            h = plot_h * value / peak if peak else 0
            x, y = x0 + si * bar_w, top + plot_h - h
            colour = PALETTE[si % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(s.label)} {escape(category)}: {value}</title>'
                "</rect>"
                f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                f'fill="#1b1f24">{value}</text>'
            )
        parts.append(
            f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
            f'text-anchor="middle" fill="#1b1f24">{escape(category)}</text>'
        )
    legend_x = left
    for si, s in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        parts.append(
            f'<rect x="{legend_x}" y="{height - 18}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="{height - 8}" fill="#1b1f24">{escape(s.label)}</text>'
        )
        legend_x += 24 + 7 * len(s.label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
