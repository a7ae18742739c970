"""Dashboard charts drawn as SVG on the server: presentation attributes only (no inline
style or script, so the strict CSP holds), printable, with a text title for screen readers."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .templatetags.reports import num, pct

EARLY, ON_TIME, LATE = "#1a7f37", "#0b5cad", "#b42318"
MUTED = "#5b6475"
FONT = 'font-family="Noto Sans, Liberation Sans, sans-serif" font-size="11"'


def trend_svg(months: list[tuple[str, int, int, int]], *, width: int = 720) -> str:
    """Stacked monthly bars of early / on time / late resolved dossiers."""
    height, left, bottom, top = 220, 44, 28, 22
    title = escape(
        _("Kết quả giải quyết theo tháng")
        + ": "
        + "; ".join(
            _("%(m)s: trước hạn %(e)s, đúng hạn %(o)s, quá hạn %(l)s")
            % {"m": m, "e": num(e), "o": num(o), "l": num(late)}
            for m, e, o, late in months
        )
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" {FONT}>',
        f"<title>{title}</title>",
    ]
    peak = max([e + o + late for _m, e, o, late in months] + [1])
    plot_h = height - top - bottom
    step = (width - left - 8) / max(len(months), 1)
    bar = max(step * 0.6, 4)
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    out.append(
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{MUTED}">{num(peak)}</text>'
    )
    out.append(f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" fill="{MUTED}">0</text>')
    for index, (label, early, on_time, late) in enumerate(months):
        x = left + index * step + (step - bar) / 2
        y = top + plot_h
        for value, colour in ((early, EARLY), (on_time, ON_TIME), (late, LATE)):
            if value:
                h = plot_h * value / peak
                y -= h
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 10}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    legend = ((EARLY, _("Trước hạn")), (ON_TIME, _("Đúng hạn")), (LATE, _("Quá hạn")))
    for index, (colour, name) in enumerate(legend):
        x = left + index * 110
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="13">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def ranking_svg(rows: list[tuple[str, float | None]], *, width: int = 720) -> str:
    """Horizontal bars of units ranked by a rate (0–1), highest first; N/A last."""
    rows = sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0)))
    line, label_w = 22, 260
    height = max(len(rows), 1) * line + 8
    title = escape(
        _("Xếp hạng đơn vị theo tỷ lệ đúng hạn")
        + ": "
        + "; ".join(f"{name}: {pct(value)}" for name, value in rows)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" {FONT}>',
        f"<title>{title}</title>",
    ]
    span = width - label_w - 70
    for index, (name, value) in enumerate(rows):
        y = 4 + index * line
        short = name if len(name) <= 40 else name[:39] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(short)}</text>')
        w = span * (value or 0)
        if value:
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{line - 8}" '
                f'fill="{ON_TIME}"/>'
            )
        out.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" fill="{MUTED}">{pct(value)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
