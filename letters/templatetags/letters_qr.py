"""A QR code for an address printed in a letter's body (the receipt's lookup link)."""

from django import template

from letters.rendering import _qr_data_uri

register = template.Library()


@register.filter
def qr_uri(url: str) -> str:
    return _qr_data_uri(url) if url else ""
