"""A small trend chart per target, drawn as SVG on the server (attributes only; strict CSP)."""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _


def _num(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def trend_svg(
    series: list[tuple[int, Decimal]],
    goal: Decimal | None,
    *,
    width: int = 180,
    height: int = 48,
    label: str = "",
) -> str:
    """Approved yearly figures as a line with dots, the goal as a dashed line."""
    described = "; ".join(f"{year}: {_num(value)}" for year, value in series)
    title = escape(
        (label + " — " if label else "")
        + (described or _("Chưa có số liệu"))
        + (f"; {_('mục tiêu')}: {_num(goal)}" if goal is not None else "")
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-size="9" '
        'font-family="Noto Sans, Liberation Sans, sans-serif">',
        f"<title>{title}</title>",
    ]
    if not series:
        out.append(
            f'<text x="4" y="{height // 2 + 3}" fill="#5b6475">{_("Chưa có số liệu")}</text>'
        )
        out.append("</svg>")
        return "".join(out)
    values = [v for _y, v in series] + ([goal] if goal is not None else [])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad_x, pad_top, pad_bottom = 8, 6, 14
    span_x = width - 2 * pad_x
    span_y = height - pad_top - pad_bottom
    years = [y for y, _v in series]
    first, last = min(years), max(years)

    def x_of(year: int) -> float:
        return pad_x + (span_x * (year - first) / (last - first) if last > first else span_x / 2)

    def y_of(value: Decimal) -> float:
        return pad_top + float((high - value) / (high - low)) * span_y

    if goal is not None:
        y = y_of(goal)
        out.append(
            f'<line x1="{pad_x}" y1="{y:.1f}" x2="{width - pad_x}" y2="{y:.1f}" '
            'stroke="#a35a00" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    points = " ".join(f"{x_of(year):.1f},{y_of(value):.1f}" for year, value in series)
    out.append(f'<polyline points="{points}" fill="none" stroke="#0b5cad" stroke-width="1.6"/>')
    for year, value in series:
        out.append(f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="2.2" fill="#0b5cad"/>')
    out.append(f'<text x="{pad_x}" y="{height - 3}" fill="#5b6475">{first}</text>')
    if last > first:
        out.append(
            f'<text x="{width - pad_x}" y="{height - 3}" fill="#5b6475" '
            f'text-anchor="end">{last}</text>'
        )
    out.append("</svg>")
    return "".join(out)
