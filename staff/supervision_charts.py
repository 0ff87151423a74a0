"""Charts as server-side SVG: no JavaScript library, no CDN."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

RED, AMBER, GREEN, GREY = "#b71c1c", "#e0a800", "#2e7d32", "#9e9e9e"


CHAR_W = 12  # a CJK character at font-size 12; Latin ones are narrower, so this never undercounts


def _label_lines(label: str, per_line: int) -> list[str]:
    """`label` in lines of at most `per_line` characters: whole, never cut off."""
    return [label[i:i + per_line] for i in range(0, len(label), per_line)] or [""]


def hbar_chart(items: list[tuple[str, list[tuple[int, str]]]], *, width: int = 640, title: str = ""):
    """Horizontal stacked bars: items are (label, [(value, colour), …]); labels escaped, shown whole.

    The label column is as wide as the longest label, up to 45 % of the chart; a longer label
    wraps onto more lines and its row grows.
    """
    if not items:
        return mark_safe('<p class="cw-empty">暂无数据。</p>')
    bar_h, gap, line_h = 18, 8, 14
    longest = max(len(label) for label, _ in items)
    label_w = min(max(120, longest * CHAR_W + 12), int(width * 0.45))
    per_line = (label_w - 12) // CHAR_W
    rows = [(_label_lines(label, per_line), parts) for label, parts in items]
    heights = [max(bar_h, len(lines) * line_h + 4) for lines, _ in rows]
    height = sum(heights) + gap * (len(rows) + 1)
    biggest = max(sum(v for v, _ in parts) for _, parts in items) or 1
    scale = (width - label_w - 60) / biggest
    out = [f'<svg class="sv-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    y = gap
    for (lines, parts), row_h in zip(rows, heights):
        first = y + (row_h - len(lines) * line_h) / 2 + line_h - 3
        spans = "".join(f'<tspan x="{label_w - 6}" y="{first + i * line_h:.1f}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<text text-anchor="end" font-size="12">{spans}</text>')
        bar_y = y + (row_h - bar_h) / 2
        x = label_w
        for value, colour in parts:
            w = value * scale
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{bar_y + bar_h - 4:.1f}" font-size="12">'
                   f'{sum(v for v, _ in parts)}</text>')
        y += row_h + gap
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
