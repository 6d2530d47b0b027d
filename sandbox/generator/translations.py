"""Texts of the `translations` resource per shop: format, package and type names.

The recordings show keys like `format_17` -> "320kbps MP3" (WIRE-NOTES 4.2.6); the
rest of the set follows the same pattern. Shops whose site language is not English
get their own words where a shop would translate them.
"""

from .territories import Territory

_FORMATS = {
    "format_17": "320kbps MP3",
    "format_33": "320kbps AAC",
    "format_48": "256kbps MP3",
    "format_45": "FLAC 16-bit 44.1kHz",
    "format_52": "FLAC 24-bit 44.1kHz",
    "format_9": "MP4 video",
}
_KEYS = (
    "package_2",
    "package_9",
    "releasetype_album",
    "releasetype_single",
    "releasetype_video",
    "releasetype_exclusive",
    "releasetype_item",
    "price_free",
    "price_unavailable",
    "format_10",
)
_WORDS = {
    "en": ("Standard", "Premium (FLAC)", "Album", "Single", "Video", "Exclusive", "Item",
           "Free", "N/A", "PDF booklet"),
    "de": ("Standard", "Premium (FLAC)", "Album", "Single", "Video", "Exklusiv", "Artikel",
           "Kostenlos", "Nicht verfügbar", "PDF-Booklet"),
    "fr": ("Standard", "Premium (FLAC)", "Album", "Single", "Vidéo", "Exclusivité", "Article",
           "Gratuit", "Indisponible", "Livret PDF"),
    "es": ("Estándar", "Premium (FLAC)", "Álbum", "Sencillo", "Vídeo", "Exclusiva",
           "Artículo", "Gratis", "No disponible", "Libreto PDF"),
    "it": ("Standard", "Premium (FLAC)", "Album", "Singolo", "Video", "Esclusiva", "Articolo",
           "Gratis", "Non disponibile", "Libretto PDF"),
    "nl": ("Standaard", "Premium (FLAC)", "Album", "Single", "Video", "Exclusief", "Item",
           "Gratis", "Niet beschikbaar", "PDF-boekje"),
    "ja": ("スタンダード", "プレミアム (FLAC)", "アルバム", "シングル", "ビデオ", "限定",
           "アイテム", "無料", "購入不可", "PDFブックレット"),
}  # fmt: skip


def translations_for(territory: Territory) -> dict[str, str]:
    """Key -> text in the shop's first language (English where we have no words)."""
    language = territory.languages.split(",")[0]
    words = _WORDS.get(language, _WORDS["en"])
    return {**_FORMATS, **dict(zip(_KEYS, words, strict=True))}
