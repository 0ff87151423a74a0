"""Charts as server-side SVG: no JavaScript library, no CDN."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

RED, AMBER, GREEN, GREY = "#b71c1c", "#e0a800", "#2e7d32", "#9e9e9e"


def hbar_chart(items: list[tuple[str, list[tuple[int, str]]]], *, width: int = 640, title: str = ""):
    """Horizontal stacked bars: items are (label, [(value, colour), …]); labels escaped."""
    if not items:
        return mark_safe('<p class="cw-empty">暂无数据。</p>')
    bar_h, gap, label_w = 18, 8, 200
    height = len(items) * (bar_h + gap) + gap
    biggest = max(sum(v for v, _ in parts) for _, parts in items) or 1
    scale = (width - label_w - 60) / biggest
    out = [f'<svg class="sv-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, parts) in enumerate(items):
        y = gap + i * (bar_h + gap)
        out.append(f'<text x="{label_w - 6}" y="{y + bar_h - 4}" text-anchor="end" font-size="12">'
                   f'{escape(label[:16])}</text>')
        x = label_w
        for value, colour in parts:
            w = value * scale
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 4}" font-size="12">{sum(v for v, _ in parts)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))


def column_chart(items: list[tuple[str, list[tuple[int, str]]]], *, height: int = 220, title: str = ""):
    """Vertical stacked columns, e.g. per month on time (green) and late (red)."""
    if not items:
        return mark_safe('<p class="cw-empty">暂无数据。</p>')
    col_w, gap, top, bottom = 36, 18, 16, 24
    width = len(items) * (col_w + gap) + gap
    biggest = max(sum(v for v, _ in parts) for _, parts in items) or 1
    scale = (height - top - bottom) / biggest
    out = [f'<svg class="sv-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
           f'width="{min(width, 720)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, parts) in enumerate(items):
        x = gap + i * (col_w + gap)
        y = height - bottom
        for value, colour in parts:
            h = value * scale
            if h > 0:
                out.append(f'<rect x="{x}" y="{y - h:.1f}" width="{col_w}" height="{h:.1f}" fill="{colour}"/>')
            y -= h
        out.append(f'<text x="{x + col_w / 2}" y="{y - 3:.1f}" text-anchor="middle" font-size="11">'
                   f'{sum(v for v, _ in parts)}</text>')
        out.append(f'<text x="{x + col_w / 2}" y="{height - 8}" text-anchor="middle" font-size="11">'
                   f'{escape(label)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))
