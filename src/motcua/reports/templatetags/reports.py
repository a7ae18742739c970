"""Vietnamese number formats for the statistics pages: 1.234, 95,12%, N/A."""

from django import template

register = template.Library()


@register.filter
def num(value):
    if value is None or value == "":
        return "N/A"
    if isinstance(value, float):
        whole, _dot, frac = f"{value:,.2f}".partition(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


@register.filter
def pct(value):
    """A fraction 0–1 as a percentage with 2 decimals; None → N/A."""
    if value is None or value == "":
        return "N/A"
    return f"{value * 100:.2f}".replace(".", ",") + "%"


@register.filter
def signed(value):
    """Rank change: ▲2, ▼1, = for none, — when unknown."""
    if value is None:
        return "—"
    if value > 0:
        return f"▲{value}"
    if value < 0:
        return f"▼{-value}"
    return "="
