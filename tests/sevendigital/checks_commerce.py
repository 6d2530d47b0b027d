"""Checks of commerce and account models against the XML element they came from."""

from .checks_catalogue import check_paging, check_release, check_track
from .xml_expect import amount, attr_int, children, xbool, xdate, xdec, xel, xint, xtext


def currency_code(el, path: str) -> str | None:
    found = xel(el, path)
    return found.get("code") if found is not None else None


def check_basket(basket, el) -> None:
    assert basket.id == el.get("id")
    assert basket.item_count == xint(el, "itemCount")
    currency = currency_code(el, "price/currency")
    assert amount(basket.price.value) == xdec(el, "price/value")
    assert basket.price.currency == currency
    assert amount(basket.amount_due.amount) == xdec(el, "amountDue/amount")
    assert basket.amount_due.amount.currency == (
        currency_code(el, "amountDue/currency") or currency
    )
    item_els = children(el, "basketItems/basketItem")
    assert len(basket.items) == len(item_els)
    for item, item_el in zip(basket.items, item_els, strict=True):
        check_basket_item(item, item_el, currency)


def check_basket_item(item, el, basket_currency) -> None:
    assert item.id == attr_int(el, "id")
    assert item.type == xtext(el, "type")
    assert item.item_name == xtext(el, "itemName")
    assert item.artist_name == xtext(el, "artistName")
    assert item.release_id == xint(el, "releaseId")
    assert item.track_id == xint(el, "trackId")
    assert amount(item.price.value) == xdec(el, "price/value")
    assert item.price.value.currency == (currency_code(el, "price/currency") or basket_currency)
    assert item.package_id == attr_int(xel(el, "package"), "id")
    assert item.discount_type == xtext(el, "discount/type")
    assert amount(item.amount_due.amount) == xdec(el, "amountDue/amount")
    assert item.amount_due.formatted_amount == xtext(el, "amountDue/formattedAmount")


def check_locker_releases(page, el) -> None:
    check_paging(page, el)
    release_els = children(el, "lockerRelease")
    assert [r.release.id for r in page.items] == [
        attr_int(r.find("release"), "id") for r in release_els
    ]
    for locker_release, release_el in zip(page.items, release_els, strict=True):
        check_release(locker_release.release, release_el.find("release"))
        assert locker_release.available == xbool(release_el, "available")
        track_els = children(release_el, "lockerTracks/lockerTrack")
        assert len(locker_release.tracks) == len(track_els)
        for locker_track, track_el in zip(locker_release.tracks, track_els, strict=True):
            check_locker_track(locker_track, track_el)


def check_locker_track(locker_track, el) -> None:
    check_track(locker_track.track, el.find("track"))
    assert locker_track.remaining_downloads == xint(el, "remainingDownloads")
    assert locker_track.purchase_id == xint(el, "purchaseId")
    assert locker_track.purchase_date == xdate(el, "purchaseDate")
    assert locker_track.complete_album_purchase == xbool(el, "completeAlbumPurchase")
    url_els = children(el, "downloadUrls/downloadUrl")
    assert [u.url for u in locker_track.download_urls] == [
        xtext(u, "url") or xtext(u, "format/url") for u in url_els
    ]
    assert [u.format.id for u in locker_track.download_urls] == [
        attr_int(u.find("format"), "id") for u in url_els
    ]


def check_locker(locker, el) -> None:
    check_locker_releases(locker, el.find("lockerReleases"))


def check_purchase(purchase, el) -> None:
    assert purchase.id == el.get("id")
    assert purchase.purchase_date == xdate(el, "purchaseDate")
    releases = xel(el, "lockerReleases")
    if releases is None:
        assert purchase.releases is None
    else:
        check_locker_releases(purchase.releases, releases)


def check_card(card, el) -> None:
    assert card.id == attr_int(el, "id")
    assert card.type == xtext(el, "type")
    assert card.last_four_digits == xtext(el, "last4digits")
    assert card.is_default == xbool(el, "default")
    assert card.expiry_date == xtext(el, "expiryDate")
    assert card.card_holder_name == (xtext(el, "cardHolderName") or xtext(el, "cardholderName"))


def check_cards(cards, el) -> None:
    card_els = children(el, "card")
    assert len(cards) == len(card_els)
    for card, card_el in zip(cards, card_els, strict=True):
        check_card(card, card_el)


def check_card_registration(registration, el) -> None:
    assert registration.id == el.get("id")
    assert registration.status == el.get("status")
    assert registration.redirect_url == xtext(el, "redirectUrl")
    card = xel(el, "card")
    if card is None:
        assert registration.card is None
    else:
        check_card(registration.card, card)
    assert registration.error_code == attr_int(xel(el, "error"), "code")
    assert registration.error_message == xtext(el, "error/errorMessage")


def check_card_types(card_types, el) -> None:
    assert [(t.id, t.name) for t in card_types] == [
        (e.get("id"), e.text) for e in children(el, "cardType")
    ]


def check_countries(countries, el) -> None:
    country_els = children(el, "country")
    assert [c.code for c in countries] == [e.get("code") for e in country_els]
    for country, country_el in zip(countries, country_els, strict=True):
        assert country.name == xtext(country_el, "name")
        assert country.local_name == xtext(country_el, "localName")
        assert [lang.name for lang in country.languages] == [
            xtext(lang, "name") for lang in children(country_el, "languages/language")
        ]


def check_user(user, el) -> None:
    assert user.id == el.get("id")
    assert user.type == xtext(el, "type")
    assert user.email_address == xtext(el, "emailAddress")


def check_users(users, el) -> None:
    user_els = children(el, "user")
    assert len(users) == len(user_els)
    for user, user_el in zip(users, user_els, strict=True):
        check_user(user, user_el)


def check_geo_ip_lookup(lookup, el) -> None:
    assert lookup.ip_address == xtext(el, "ipaddress")
    assert lookup.country_code == xtext(el, "countryCode")


def check_geo_restrictions(restrictions, el) -> None:
    assert restrictions.allow_checkout == xbool(el, "allowCheckout")


def check_prepare_payment(prepare, el) -> None:
    assert prepare.payment_token == el.get("paymentToken")
    assert prepare.auto_fulfilled == (el.get("autoFulfilled").lower() == "true")
    assert prepare.prepare_payment_date == xdate(el, "preparePaymentDate")


def check_payment_status(status, el) -> None:
    response = el.getparent()
    assert status.status == xtext(response, "paymentStatus")
    assert status.purchase_id == xtext(response, "purchaseId")


COMMERCE_CHECKS = {
    "basket": check_basket,
    "locker": check_locker,
    "purchase": check_purchase,
    "cards": check_cards,
    "card": check_card,
    "cardRegistration": check_card_registration,
    "cardTypes": check_card_types,
    "countries": check_countries,
    "user": check_user,
    "users": check_users,
    "GeoIpLookup": check_geo_ip_lookup,
    "geoRestrictions": check_geo_restrictions,
    "preparePayment": check_prepare_payment,
    "paymentStatus": check_payment_status,
}
