"""The `translations` bundles: the catalogue's words per language.

7digital's `translations` answers `key` -> `translatedText` pairs (WIRE-NOTES 4.2.6;
the recordings show `format_17` -> "320kbps MP3"). The sandbox keeps one bundle per
language, and answers the bundle of the `locale` asked for, else of the shop's
language. Keys (docs/WIRE-NOTES.md, "Translation keys"):

- `tag_<tag id>`: every genre, sub-genre and decade tag of the catalogue
  (`tag_electronic`, `tag_indie-rock`, `tag_80s`; ids as in genres.py);
- `format_<format id>`: file formats (`format_17`: MP3 320, see queries/pricing.py);
- `package_<package id>`: download packages (`package_2` standard, `package_9` premium);
- `releasetype_<type>`: release types, lower case (`releasetype_album`);
- `chart_<period>`: the chart periods `day`, `week`, `month`;
- `price_free`, `price_unavailable`: how a price that is not one reads.

English, German, French and Japanese bundles have every key (a test checks that
each covers the generator's tags, formats and packages); Spanish, Italian and Dutch
shops have words for formats and types only and take English for the rest, as a
partner sees on 7digital for strings nobody translated.
"""

from .genres import all_tags

FULL_LANGUAGES = ("en", "de", "fr", "ja")
DEFAULT_LANGUAGE = "en"

# key: (en, de, fr, ja)
_TAGS = {
    "pop": ("Pop", "Pop", "Pop", "ポップ"),
    "synth-pop": ("Synth-Pop", "Synthie-Pop", "Synthpop", "シンセポップ"),
    "dance-pop": ("Dance-Pop", "Dance-Pop", "Dance-pop", "ダンスポップ"),
    "indie-pop": ("Indie Pop", "Indie-Pop", "Pop indé", "インディー・ポップ"),
    "rock": ("Rock", "Rock", "Rock", "ロック"),
    "indie-rock": ("Indie Rock", "Indie-Rock", "Rock indé", "インディー・ロック"),
    "alternative": ("Alternative", "Alternative", "Alternatif", "オルタナティヴ"),
    "punk": ("Punk", "Punk", "Punk", "パンク"),
    "classic-rock": ("Classic Rock", "Classic Rock", "Rock classique", "クラシック・ロック"),
    "hard-rock": ("Hard Rock", "Hardrock", "Hard rock", "ハードロック"),
    "electronic": ("Electronic", "Elektronisch", "Électronique", "エレクトロニック"),
    "house": ("House", "House", "House", "ハウス"),
    "techno": ("Techno", "Techno", "Techno", "テクノ"),
    "drum-and-bass": ("Drum & Bass", "Drum & Bass", "Drum and bass", "ドラムンベース"),
    "ambient": ("Ambient", "Ambient", "Ambient", "アンビエント"),
    "trance": ("Trance", "Trance", "Trance", "トランス"),
    "hip-hop": ("Hip-Hop", "Hip-Hop", "Hip-hop", "ヒップホップ"),
    "rap": ("Rap", "Rap", "Rap", "ラップ"),
    "trap": ("Trap", "Trap", "Trap", "トラップ"),
    "conscious-hip-hop": (
        "Conscious Hip-Hop", "Conscious Hip-Hop", "Hip-hop conscient", "コンシャス・ヒップホップ"
    ),
    "r-and-b": ("R&B", "R&B", "R&B", "R&B"),
    "soul": ("Soul", "Soul", "Soul", "ソウル"),
    "funk": ("Funk", "Funk", "Funk", "ファンク"),
    "neo-soul": ("Neo-Soul", "Neo-Soul", "Néo-soul", "ネオソウル"),
    "jazz": ("Jazz", "Jazz", "Jazz", "ジャズ"),
    "bebop": ("Bebop", "Bebop", "Bebop", "ビバップ"),
    "jazz-fusion": ("Jazz Fusion", "Jazz-Fusion", "Jazz fusion", "ジャズ・フュージョン"),
    "vocal-jazz": ("Vocal Jazz", "Vocal Jazz", "Jazz vocal", "ヴォーカル・ジャズ"),
    "classical": ("Classical", "Klassik", "Classique", "クラシック"),
    "baroque": ("Baroque", "Barock", "Baroque", "バロック"),
    "opera": ("Opera", "Oper", "Opéra", "オペラ"),
    "contemporary-classical": (
        "Contemporary Classical", "Neue Musik", "Musique contemporaine", "現代音楽"
    ),
    "folk": ("Folk", "Folk", "Folk", "フォーク"),
    "singer-songwriter": (
        "Singer-Songwriter", "Singer-Songwriter", "Auteurs-compositeurs", "シンガーソングライター"
    ),
    "americana": ("Americana", "Americana", "Americana", "アメリカーナ"),
    "metal": ("Metal", "Metal", "Métal", "メタル"),
    "heavy-metal": ("Heavy Metal", "Heavy Metal", "Heavy metal", "ヘヴィメタル"),
    "black-metal": ("Black Metal", "Black Metal", "Black metal", "ブラックメタル"),
    "thrash-metal": ("Thrash Metal", "Thrash Metal", "Thrash metal", "スラッシュメタル"),
    "country": ("Country", "Country", "Country", "カントリー"),
    "bluegrass": ("Bluegrass", "Bluegrass", "Bluegrass", "ブルーグラス"),
    "alt-country": ("Alt-Country", "Alt-Country", "Alt-country", "オルタナ・カントリー"),
    "soundtrack": ("Soundtracks", "Soundtracks", "Bandes originales", "サウンドトラック"),
    "film-score": ("Film Scores", "Filmmusik", "Musiques de film", "映画音楽"),
    "video-game-music": (
        "Video Game Music", "Videospielmusik", "Musiques de jeux vidéo", "ゲーム音楽"
    ),
    "world": ("World", "Weltmusik", "Musiques du monde", "ワールド"),
    "latin": ("Latin", "Latin", "Musique latine", "ラテン"),
    "afrobeat": ("Afrobeat", "Afrobeat", "Afrobeat", "アフロビート"),
    "reggae": ("Reggae", "Reggae", "Reggae", "レゲエ"),
    "blues": ("Blues", "Blues", "Blues", "ブルース"),
    "delta-blues": ("Delta Blues", "Delta-Blues", "Delta blues", "デルタ・ブルース"),
    "electric-blues": (
        "Electric Blues", "Electric Blues", "Blues électrique", "エレクトリック・ブルース"
    ),
    "dance": ("Dance", "Dance", "Dance", "ダンス"),
    "disco": ("Disco", "Disco", "Disco", "ディスコ"),
    "eurodance": ("Eurodance", "Eurodance", "Eurodance", "ユーロダンス"),
}  # fmt: skip
_DECADES = ("60s", "70s", "80s", "90s", "2000s", "2010s", "2020s")

_OTHERS = {
    "format_17": ("320kbps MP3", "MP3 (320 kbit/s)", "MP3 320 kbit/s", "MP3 (320kbps)"),
    "format_33": ("320kbps AAC", "AAC (320 kbit/s)", "AAC 320 kbit/s", "AAC (320kbps)"),
    "format_48": ("256kbps MP3", "MP3 (256 kbit/s)", "MP3 256 kbit/s", "MP3 (256kbps)"),
    "format_45": ("FLAC 16-bit 44.1kHz", "FLAC (16 Bit, 44,1 kHz)", "FLAC 16 bits 44,1 kHz",
                  "FLAC (16bit/44.1kHz)"),
    "format_52": ("FLAC 24-bit 44.1kHz", "FLAC (24 Bit, 44,1 kHz)", "FLAC 24 bits 44,1 kHz",
                  "FLAC (24bit/44.1kHz)"),
    "format_9": ("MP4 video", "MP4-Video", "Vidéo MP4", "MP4ビデオ"),
    "format_10": ("PDF booklet", "PDF-Booklet", "Livret PDF", "PDFブックレット"),
    "package_2": ("Standard", "Standard", "Standard", "スタンダード"),
    "package_9": ("Premium (FLAC)", "Premium (FLAC)", "Premium (FLAC)", "プレミアム (FLAC)"),
    "releasetype_album": ("Album", "Album", "Album", "アルバム"),
    "releasetype_single": ("Single", "Single", "Single", "シングル"),
    "releasetype_video": ("Video", "Video", "Vidéo", "ビデオ"),
    "releasetype_exclusive": ("Exclusive", "Exklusiv", "Exclusivité", "限定盤"),
    "releasetype_item": ("Item", "Artikel", "Article", "アイテム"),
    "chart_day": ("Today's Top Sellers", "Tagescharts", "Top du jour", "デイリーランキング"),
    "chart_week": ("This Week's Top Sellers", "Wochencharts", "Top de la semaine",
                   "週間ランキング"),
    "chart_month": ("This Month's Top Sellers", "Monatscharts", "Top du mois",
                    "月間ランキング"),
    "price_free": ("Free", "Kostenlos", "Gratuit", "無料"),
    "price_unavailable": ("N/A", "Nicht verfügbar", "Indisponible", "購入不可"),
}  # fmt: skip

# Shops whose language has only these words: formats, packages, release types, prices.
_PARTIAL = {
    "es": {"format_9": "Vídeo MP4", "format_10": "Libreto PDF", "package_2": "Estándar",
           "releasetype_album": "Álbum", "releasetype_single": "Sencillo",
           "releasetype_video": "Vídeo", "releasetype_exclusive": "Exclusiva",
           "releasetype_item": "Artículo", "price_free": "Gratis",
           "price_unavailable": "No disponible"},
    "it": {"format_10": "Libretto PDF", "releasetype_single": "Singolo",
           "releasetype_exclusive": "Esclusiva", "releasetype_item": "Articolo",
           "price_free": "Gratis", "price_unavailable": "Non disponibile"},
    "nl": {"format_10": "PDF-boekje", "package_2": "Standaard",
           "releasetype_exclusive": "Exclusief", "price_free": "Gratis",
           "price_unavailable": "Niet beschikbaar"},
}  # fmt: skip


def _decade(decade: str, language: str) -> str:
    """ "80s" as a shop writes it: 80s, 80er, Années 80, 80年代."""
    digits = decade.removesuffix("s")
    return {"en": decade, "de": f"{digits}er", "fr": f"Années {digits}", "ja": f"{digits}年代"}[
        language
    ]


def _full_bundle(language: str) -> dict[str, str]:
    column = FULL_LANGUAGES.index(language)
    bundle = {f"tag_{tag}": words[column] for tag, words in _TAGS.items()}
    bundle.update({f"tag_{decade}": _decade(decade, language) for decade in _DECADES})
    bundle.update({key: words[column] for key, words in _OTHERS.items()})
    return bundle


BUNDLES: dict[str, dict[str, str]] = {
    **{language: _full_bundle(language) for language in FULL_LANGUAGES},
    **_PARTIAL,
}
LANGUAGES = tuple(BUNDLES)


def bundle_for(language: str) -> dict[str, str]:
    """Every key in `language`, English where that language has no words."""
    return {**BUNDLES[DEFAULT_LANGUAGE], **BUNDLES[language]}


def catalogue_keys() -> set[str]:
    """The keys the generated catalogue needs: its tags, formats, packages, charts."""
    from sandbox.queries.charts import PERIODS  # queries import the generator
    from sandbox.queries.pricing import PACKAGES

    keys = {f"tag_{tag_id}" for tag_id, _, _ in all_tags()}
    for package in PACKAGES.values():
        keys.add(f"package_{package.id}")
        keys.update(f"format_{fmt.id}" for fmt in package.formats)
    keys.update(f"chart_{period}" for period in PERIODS)
    return keys


def translation_rows() -> list[tuple[str, str, str]]:
    """(language, key, text) of every bundle, as the `Translation` table holds them."""
    return [
        (language, key, text)
        for language, bundle in BUNDLES.items()
        for key, text in sorted(bundle.items())
    ]
