"""Checks of catalogue models against the XML element they were built from."""

from .xml_expect import (
    amount,
    attr_int,
    children,
    xbool,
    xdate,
    xdec,
    xel,
    xfloat,
    xint,
    xtext,
)


def check_paging(page, el) -> None:
    assert page.page == (xint(el, "page") or 1)
    assert page.page_size == xint(el, "pageSize")
    assert page.total_items == xint(el, "totalItems")


def check_artist(artist, el) -> None:
    assert artist.id == attr_int(el, "id")
    assert artist.name == (xtext(el, "name") or "")
    assert artist.sort_name == (xtext(el, "sortName") or xtext(el, "sortname"))
    assert artist.appears_as == xtext(el, "appearsAs")
    assert artist.slug == xtext(el, "slug")
    assert artist.image == xtext(el, "image")
    assert artist.popularity == xfloat(el, "popularity")


def check_legacy_price(price, el) -> None:
    """The legacy price block: value and rrp as Decimal in the currency's code."""
    if el is None:
        assert price is None
        return
    currency = el.find("currency")
    code = currency.get("code") if currency is not None else None
    assert price.currency == code
    assert amount(price.value) == xdec(el, "value")
    assert amount(price.rrp) == xdec(el, "rrp")
    assert price.formatted_price == xtext(el, "formattedPrice")
    assert price.on_sale == xbool(el, "onSale")
    if price.value is not None:
        assert price.value.currency == code


def format_ids(package_el) -> list[int]:
    formats = children(package_el, "formats/format") or children(package_el, "format")
    return [attr_int(f, "id") for f in formats]


def check_packages(packages, download_el) -> None:
    """Packages with their prices as Decimal and their formats."""
    package_els = children(download_el, "packages/package")
    assert [p.id for p in packages] == [attr_int(e, "id") for e in package_els]
    for package, el in zip(packages, package_els, strict=True):
        assert package.description == xtext(el, "description")
        assert package.price.currency == xtext(el, "price/currencyCode")
        assert amount(package.price.sevendigital_price) == xdec(el, "price/sevendigitalPrice")
        assert amount(package.price.recommended_retail_price) == xdec(
            el, "price/recommendedRetailPrice"
        )
        assert [f.id for f in package.formats] == format_ids(el)


def check_release(release, el) -> None:
    assert release.id == attr_int(el, "id")
    assert release.title == (xtext(el, "title") or "")
    assert release.version == xtext(el, "version")
    assert release.type == xtext(el, "type")
    assert release.barcode == xtext(el, "barcode")
    assert release.year == xint(el, "year")
    assert release.explicit_content == xbool(el, "explicitContent")
    assert release.slug == (xtext(el, "slug") or el.get("slug"))  # catalogue: an attribute
    assert release.image == xtext(el, "image")
    assert release.duration == xint(el, "duration")
    assert release.track_count == xint(el, "trackCount")
    assert release.popularity == xfloat(el, "popularity")
    assert release.streaming_release_date == xdate(el, "streamingReleaseDate")
    assert release.release_date == (xdate(el, "download/releaseDate") or xdate(el, "releaseDate"))
    label = xel(el, "label")
    assert (release.label.name if release.label else None) == xtext(label, "name")
    licensor = xel(el, "licensor")
    assert (release.licensor.id if release.licensor else None) == attr_int(licensor, "id")
    artist = xel(el, "artist")
    if artist is None:
        assert release.artist is None
    else:
        check_artist(release.artist, artist)
    check_packages(release.packages, xel(el, "download"))
    check_legacy_price(release.price, xel(el, "price"))


def check_track(track, el) -> None:
    assert track.id == attr_int(el, "id")
    assert track.title == (xtext(el, "title") or "")
    assert track.version == xtext(el, "version")
    assert track.type == xtext(el, "type")
    assert track.isrc == xtext(el, "isrc")
    assert track.duration == xint(el, "duration")
    assert track.track_number == xint(el, "trackNumber")
    assert track.number == xint(el, "number")
    assert track.disc_number == xint(el, "discNumber")
    assert track.explicit_content == xbool(el, "explicitContent")
    assert track.slug == xtext(el, "slug")
    assert track.artist.id == attr_int(xel(el, "artist"), "id")
    release = xel(el, "release")
    if release is None:
        assert track.release is None
    else:
        check_release(track.release, release)
    check_packages(track.packages, xel(el, "download"))
    check_legacy_price(track.price, xel(el, "price"))
    assert [f.id for f in track.formats] == [
        attr_int(f, "id") for f in children(el, "formats/format")
    ]


def check_paged(item_tag: str, check):
    """A check for a paged container: paging block, then every item in order."""

    def check_page(page, el) -> None:
        check_paging(page, el)
        item_els = children(el, item_tag)
        assert len(page.items) == len(item_els)
        for item, item_el in zip(page.items, item_els, strict=True):
            check(item, item_el)

    return check_page


def check_one_of(holder, el) -> None:
    """A search result, tagged item or chart item: exactly the entity the XML holds."""
    for kind, check in (
        ("artist", check_artist),
        ("release", check_release),
        ("track", check_track),
    ):
        child = xel(el, kind)
        if child is None:
            assert getattr(holder, kind, None) is None
        else:
            check(getattr(holder, kind), child)


def check_search_result(result, el) -> None:
    assert result.type == xtext(el, "type")
    assert result.score == xfloat(el, "score")
    check_one_of(result, el)


def check_chart(chart, el) -> None:
    check_paged("chartItem", check_chart_item)(chart, el)
    assert chart.type == xtext(el, "type")
    assert chart.from_date == xdate(el, "fromDate")
    assert chart.to_date == xdate(el, "toDate")


def check_chart_item(item, el) -> None:
    assert item.position == xint(el, "position")
    assert item.change == xtext(el, "change")
    check_one_of(item, el)


def check_tag(tag, el) -> None:
    assert tag.id == el.get("id")
    assert tag.text == xtext(el, "text")
    assert tag.url == xtext(el, "url")
    assert tag.count == xint(el, "count")


def check_editorial(editorial, el) -> None:
    assert editorial.review == xtext(el, "review/text")
    assert editorial.promotional_text == xtext(el, "promotionalText/text")


def check_list(editorial_list, el) -> None:
    assert editorial_list.id == attr_int(el, "id")
    assert editorial_list.key == xtext(el, "key")
    assert editorial_list.description == xtext(el, "description")
    item_els = children(el, "listItems/listItem")
    assert len(editorial_list.items) == len(item_els)
    for item, item_el in zip(editorial_list.items, item_els, strict=True):
        assert item.id == attr_int(item_el, "id")
        assert item.type == xtext(item_el, "type")
        check_release(item.release, xel(item_el, "release"))


CATALOGUE_CHECKS = {
    "artist": check_artist,
    "artists": check_paged("artist", check_artist),
    "release": check_release,
    "releases": check_paged("release", check_release),
    "track": check_track,
    "tracks": check_paged("track", check_track),
    "tags": check_paged("tag", check_tag),
    "searchResults": check_paged("searchResult", check_search_result),
    "taggedResults": check_paged("taggedItem", check_one_of),
    "recommendations": check_paged("recommendedItem", check_one_of),
    "chart": check_chart,
    "editorial": check_editorial,
    "list": check_list,
}
