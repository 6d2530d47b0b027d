"""Japanese acts of the catalogue: names and titles in kanji and kana, with readings.

Invented names in the way Japanese acts are written: a person family name first and
no space ("森川ヒカリ"), a band in katakana or kanji ("月面ラジオ"); titles as
Japanese pop and rock records read ("夜明けのうた", "ガラスの街"). Each comes with its
Hepburn reading, which makes the URL slug ("morikawa-hikari", "yoake-no-uta"), as
Japanese releases on Western shops have. Drawn from the planner's own Japanese
random stream (plan.py), so the rest of a seeded catalogue stays as it was.
"""

import random

LOCALE = "ja_JP"
SHARE = 0.06  # of the artists

# (written, reading)
_FAMILY = (
    ("森川", "Morikawa"), ("浅見", "Asami"), ("小野寺", "Onodera"), ("水野", "Mizuno"),
    ("白石", "Shiraishi"), ("青山", "Aoyama"), ("早川", "Hayakawa"), ("七瀬", "Nanase"),
    ("藤咲", "Fujisaki"), ("三枝", "Saegusa"), ("高柳", "Takayanagi"), ("日向", "Hinata"),
)  # fmt: skip
_GIVEN = (
    ("ヒカリ", "Hikari"), ("あかね", "Akane"), ("蒼", "Aoi"), ("陽菜", "Hina"),
    ("ミナミ", "Minami"), ("湊", "Minato"), ("遥", "Haruka"), ("ユウキ", "Yuki"),
    ("奏", "Kanade"), ("千尋", "Chihiro"), ("レン", "Ren"), ("つむぎ", "Tsumugi"),
)  # fmt: skip
_BANDS = (
    ("夜光列車", "Yako Ressha"), ("シトラスガーデン", "Citrus Garden"),
    ("青い惑星", "Aoi Wakusei"), ("ネオン少女団", "Neon Shojodan"),
    ("銀河鉄道楽団", "Ginga Tetsudo Gakudan"), ("ソーダ水の午後", "Sodasui no Gogo"),
    ("月面ラジオ", "Getsumen Radio"), ("カササギ", "Kasasagi"), ("夏至の森", "Geshi no Mori"),
    ("ぜんまいじかけ", "Zenmai Jikake"), ("ハミングバード急行", "Hummingbird Kyuko"),
)  # fmt: skip
_TITLES = (
    ("夜明けのうた", "Yoake no Uta"), ("ガラスの街", "Garasu no Machi"),
    ("星降る夜に", "Hoshi Furu Yoru ni"), ("青いスニーカー", "Aoi Sneaker"),
    ("蜃気楼", "Shinkiro"), ("真夏のプール", "Manatsu no Pool"),
    ("はじまりの場所", "Hajimari no Basho"), ("花火のあとで", "Hanabi no Ato de"),
    ("ぼくらの地図", "Bokura no Chizu"), ("月とサイダー", "Tsuki to Cider"),
    ("雨音ダイアリー", "Amaoto Diary"), ("遠い日の手紙", "Toi Hi no Tegami"),
    ("ひかりの粒", "Hikari no Tsubu"), ("夕焼けバス停", "Yuyake Bus Stop"),
    ("微熱", "Binetsu"), ("白い吐息", "Shiroi Toiki"), ("きみの名前", "Kimi no Namae"),
    ("ネオンの海", "Neon no Umi"), ("桜並木", "Sakura Namiki"),
    ("午前二時のラジオ", "Gozen Niji no Radio"), ("ダンスホールの幽霊", "Dance Hall no Yurei"),
    ("銀色の自転車", "Giniro no Jitensha"), ("ラストシーン", "Last Scene"),
    ("硝子のメロディー", "Garasu no Melody"),
)  # fmt: skip
SOUNDTRACK = ("オリジナル・サウンドトラック", "Original Soundtrack")


def is_japanese(rng: random.Random) -> bool:
    """Whether the next artist is a Japanese act."""
    return rng.random() < SHARE


def artist_name(rng: random.Random, genre: str) -> tuple[str, str]:
    """(name, reading): a person "森川ヒカリ" / "Morikawa Hikari", or a band."""
    band_rate = {"rock": 0.7, "metal": 0.9, "electronic": 0.5}.get(genre, 0.35)
    if rng.random() < band_rate:
        return rng.choice(_BANDS)
    (family, family_reading), (given, given_reading) = rng.choice(_FAMILY), rng.choice(_GIVEN)
    return f"{family}{given}", f"{family_reading} {given_reading}"


def title(rng: random.Random, genre: str) -> tuple[str, str]:
    """(title, reading) of a release or a track."""
    written, reading = rng.choice(_TITLES)
    if genre == "soundtrack":
        return f"{written} ({SOUNDTRACK[0]})", f"{reading} {SOUNDTRACK[1]}"
    return written, reading


def track_titles(rng: random.Random, count: int) -> list[str]:
    """`count` track titles, a few repeated only when the list runs out."""
    pool = [written for written, _ in _TITLES]
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(count)]
