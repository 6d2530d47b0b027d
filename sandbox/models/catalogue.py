"""The sandbox's generated catalogue: what api.7digital.com would know about.

Prices are not stored per item and territory (a million tracks times thirty
territories would not fit a demo): an item has a price tier, and each territory
prices each tier in its own currency (`PriceTier`). Availability is per item, as the
list of territories it is *not* sold in.
"""

from django.db import models


class Country(models.Model):
    """A territory (shop): currency, languages and how it prices each tier."""

    code = models.CharField(max_length=2, primary_key=True)  # ISO 3166-1 alpha-2
    shop_id = models.PositiveIntegerField(unique=True)  # e.g. 34 = the UK shop
    name = models.CharField(max_length=100)
    local_name = models.CharField(max_length=100)
    currency_code = models.CharField(max_length=3)  # ISO 4217
    currency_symbol = models.CharField(max_length=8)
    # How a price is written there, e.g. "£{amount}" or "{amount} €" with "," decimals.
    price_format = models.CharField(max_length=20, default="{symbol}{amount}")
    decimal_separator = models.CharField(max_length=1, default=".")
    # ISO 4217 minor units: 2 for most currencies, 0 for JPY ("¥250", never "¥250.00").
    currency_decimals = models.PositiveSmallIntegerField(default=2)
    languages = models.CharField(max_length=100, default="en")  # comma list of codes
    # IPv4 networks resolved to this country by country/resolve, comma list of CIDRs.
    ip_ranges = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PriceTier(models.Model):
    """The price of one tier (track or release) in one territory."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="price_tiers")
    tier = models.PositiveSmallIntegerField()
    price = models.DecimalField(max_digits=8, decimal_places=2)
    rrp = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "tier"], name="unique_country_tier")
        ]


class Tag(models.Model):
    """A genre or mood tag; genres may have a parent ("indie-rock" under "rock")."""

    id = models.SlugField(max_length=64, primary_key=True)
    text = models.CharField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    count = models.PositiveIntegerField(default=0)  # releases tagged, kept by the generator

    class Meta:
        ordering = ["-count", "id"]

    def __str__(self) -> str:
        return self.id


class Label(models.Model):
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Licensor(models.Model):
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Artist(models.Model):
    name = models.CharField(max_length=200)
    sort_name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    # Lower case, accents folded: what search and A-Z browse compare against.
    search_name = models.CharField(max_length=200, db_index=True)
    bio = models.TextField(blank=True, default="")
    popularity = models.FloatField(default=0.0, db_index=True)  # 0..1, from simulated sales
    tags = models.ManyToManyField(Tag, blank=True, related_name="artists")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Release(models.Model):
    class Type(models.TextChoices):
        ALBUM = "Album"
        SINGLE = "Single"
        VIDEO = "Video"
        EXCLUSIVE = "Exclusive"
        ITEM = "Item"

    title = models.CharField(max_length=300)
    version = models.CharField(max_length=200, blank=True, default="")
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.ALBUM)
    barcode = models.CharField(max_length=14)  # UPC-A / EAN-13 with a valid check digit
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="releases")
    label = models.ForeignKey(Label, on_delete=models.PROTECT, related_name="releases")
    licensor = models.ForeignKey(Licensor, on_delete=models.PROTECT, related_name="releases")
    slug = models.SlugField(max_length=320)
    search_title = models.CharField(max_length=300, db_index=True)
    release_date = models.DateField(db_index=True)
    added_date = models.DateTimeField()
    explicit_content = models.BooleanField(default=False)
    duration = models.PositiveIntegerField(default=0)  # seconds, sum of the tracks
    track_count = models.PositiveSmallIntegerField(default=0)
    price_tier = models.PositiveSmallIntegerField(default=10)
    # Package 9 (premium, FLAC) besides the standard package 2 (MP3 320, AAC 320).
    has_lossless = models.BooleanField(default=False)
    popularity = models.FloatField(default=0.0, db_index=True)
    # Comma list of ISO codes the release is not sold in ("" = sold everywhere).
    unavailable_in = models.CharField(max_length=200, blank=True, default="")
    cline = models.CharField(max_length=200, blank=True, default="")
    pline = models.CharField(max_length=200, blank=True, default="")
    review = models.TextField(blank=True, default="")
    promotional_text = models.TextField(blank=True, default="")
    tags = models.ManyToManyField(Tag, blank=True, related_name="releases")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["artist", "type", "release_date"])]

    def __str__(self) -> str:
        return self.title

    def is_available_in(self, country_code: str) -> bool:
        return country_code.upper() not in self.unavailable_in.split(",")


class Track(models.Model):
    title = models.CharField(max_length=300)
    version = models.CharField(max_length=200, blank=True, default="")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="tracks")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="tracks")
    track_number = models.PositiveSmallIntegerField()
    disc_number = models.PositiveSmallIntegerField(default=1)
    duration = models.PositiveIntegerField()  # seconds
    isrc = models.CharField(max_length=12)
    explicit_content = models.BooleanField(default=False)
    search_title = models.CharField(max_length=300, db_index=True)
    price_tier = models.PositiveSmallIntegerField(default=1)
    popularity = models.FloatField(default=0.0, db_index=True)

    class Meta:
        ordering = ["release_id", "disc_number", "track_number"]

    def __str__(self) -> str:
        return self.title


class Sale(models.Model):
    """Simulated sales, the source of charts, popularity and recommendations."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="sales")
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.CASCADE, related_name="sales"
    )
    country = models.ForeignKey(Country, on_delete=models.CASCADE)
    sold_on = models.DateField()
    quantity = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["country", "sold_on"])]


class ArtistSimilarity(models.Model):
    """Artists that share tags and buyers, scored; derived by the generator."""

    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="similar_links")
    similar = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["artist", "similar"], name="unique_similar_artist")
        ]


class ReleaseRecommendation(models.Model):
    """Releases bought by the same people or sharing tags; derived by the generator."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="recommendations")
    recommended = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "recommended"], name="unique_release_recommendation"
            )
        ]


class EditorialList(models.Model):
    """A named list of releases (editorial/list?key=...), per shop."""

    key = models.SlugField(max_length=100)
    country = models.ForeignKey(Country, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "country"], name="unique_list_key_country")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.country_id})"


class EditorialListItem(models.Model):
    editorial_list = models.ForeignKey(
        EditorialList, on_delete=models.CASCADE, related_name="items"
    )
    release = models.ForeignKey(Release, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]


class Translation(models.Model):
    """One string of a language's `translations` bundle (sandbox/generator/translations.py)."""

    language = models.CharField(max_length=8)  # ISO 639-1: "en", "de", "fr", "ja"
    key = models.CharField(max_length=100)
    text = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["language", "key"]
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="unique_translation")
        ]
