"""The wishlist: the toggle on release pages, the page, and the price alerts."""

from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import WishlistItem
from accounts.tasks import check_wishlist_prices
from catalogue.templatetags.store import price_of
from sevendigital import NotAvailableError
from storefront.api import get_client, reset_client
from storefront.celery_app import app
from tests.accounts.conftest import make_shopper
from tests.conftest import free_port

pytestmark = pytest.mark.django_db


def wish(user, release, **fields) -> WishlistItem:
    values = {
        "title": release.title,
        "artist_name": release.artist.name,
        "price_when_added": Decimal("99.99"),
        "currency": "GBP",
        "country": "GB",
        **fields,
    }
    return WishlistItem.objects.create(user=user, release_id=release.id, **values)


def toggle(client, release_id: int, action: str, **extra):
    data = {"release_id": release_id, "action": action, **extra}
    return client.post(reverse("wishlist-toggle"), data)


def test_adding_keeps_the_release_and_its_price(client, shopper, sold_release):
    """Add: the release is saved with its title, artist and current price in GB."""
    client.force_login(shopper)
    response = toggle(client, sold_release.id, "add", next=reverse("wishlist"))
    assert response["Location"] == reverse("wishlist")
    item = WishlistItem.objects.get(user=shopper)
    price = price_of(sold_release)
    assert (item.title, item.country) == (sold_release.title, "GB")
    assert (item.price_when_added, item.currency) == (price.amount, price.currency)


def release_not_sold_in(country: str) -> int:
    """A release on sale in GB that `country` does not sell (the sandbox blocks a few)."""
    client = get_client()
    listing = client.get_releases_by_date(
        from_date=date(1950, 1, 1), to_date=date(2100, 1, 1), page_size=100, country="GB"
    )
    for release in listing:
        try:
            client.get_release_details(release_id=release.id, country=country)
        except NotAvailableError:
            return release.id
    raise AssertionError(f"every sandbox release is sold in {country}")


def test_a_release_not_sold_here_can_be_wished_for(shopper, live_api):
    """Not sold in the shopper's territory: saved without a price, described from GB."""
    release_id = release_not_sold_in("JP")
    item = services.wishlist_add(user=shopper, release_id=release_id, country="JP")
    assert item.title
    assert (item.price_when_added, item.country) == (None, "JP")


def test_adding_twice_keeps_one_item(client, shopper, sold_release):
    """A second add (double click, two tabs) keeps the one item."""
    client.force_login(shopper)
    toggle(client, sold_release.id, "add")
    toggle(client, sold_release.id, "add")
    assert WishlistItem.objects.filter(user=shopper).count() == 1


def test_removing(client, shopper, sold_release):
    """Remove deletes the shopper's item."""
    client.force_login(shopper)
    wish(shopper, sold_release)
    toggle(client, sold_release.id, "remove")
    assert not WishlistItem.objects.filter(user=shopper).exists()


def test_htmx_gets_the_button_in_its_new_state(client, shopper, sold_release):
    """With htmx the answer is the toggle fragment, now offering removal."""
    client.force_login(shopper)
    response = client.post(
        reverse("wishlist-toggle"),
        {"release_id": sold_release.id, "action": "add"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-pressed="true"' in html
    assert 'value="remove"' in html
    assert "<html" not in html


def test_external_next_is_refused(client, shopper, sold_release):
    """After a toggle without JavaScript, an off-site `next` is replaced by the wishlist."""
    client.force_login(shopper)
    response = toggle(client, sold_release.id, "add", next="https://evil.example/")
    assert response["Location"] == reverse("wishlist")


def test_toggle_needs_a_post(client, shopper):
    """Changing the wishlist is a POST with CSRF."""
    client.force_login(shopper)
    assert client.get(reverse("wishlist-toggle")).status_code == 405


def test_the_release_page_shows_the_toggle(client, shopper, sold_release):
    """The release page has the wishlist button in its actions."""
    client.force_login(shopper)
    html = client.get(reverse("release-detail", args=[sold_release.id])).content.decode()
    assert f'id="wishlist-{sold_release.id}"' in html
    assert "Add to wishlist" in html


def test_signed_out_the_toggle_asks_to_sign_in_then_is_the_shoppers(client, shopper, sold_release):
    """A visitor's page (one shared copy for everyone signed out) links sign-in and back
    to this page; once signed in the same page has the shopper's own toggle."""
    page = reverse("release-detail", args=[sold_release.id]) + "?from=chart"
    html = client.get(page).content.decode()
    sign_in = f"{reverse('account_login')}?next={quote(page, safe='/')}"
    assert f'href="{sign_in}"' in html
    assert "Add to wishlist" not in html
    client.force_login(shopper)
    html = client.get(page).content.decode()
    assert "Add to wishlist" in html
    assert "Sign in to save to your wishlist" not in html


def test_the_wishlist_page_lists_items(client, shopper, sold_release):
    """The page shows each item with the price it had when added."""
    client.force_login(shopper)
    wish(shopper, sold_release)
    html = client.get(reverse("wishlist")).content.decode()
    assert sold_release.title in html
    assert "£99.99" in html


def test_a_price_drop_is_emailed(shopper, sold_release):
    """Cheaper than when added: one email with the old and new prices."""
    item = wish(shopper, sold_release, price_when_added=Decimal("99.99"))
    now = price_of(sold_release)
    assert services.wishlist_check_prices() == 1
    [message] = mail.outbox
    assert message.to == [shopper.email]
    assert "Price drop" in message.subject
    assert f"£{now.amount}" in message.body and "£99.99" in message.body
    item.refresh_from_db()
    assert item.last_notified_price == now.amount


def test_a_price_is_told_once(shopper, sold_release):
    """The next run, with the price unchanged, sends nothing."""
    wish(shopper, sold_release, price_when_added=Decimal("99.99"))
    services.wishlist_check_prices()
    assert services.wishlist_check_prices() == 0
    assert len(mail.outbox) == 1


def test_no_email_when_the_price_did_not_drop(shopper, sold_release):
    """The same price as when added: nothing to tell."""
    wish(shopper, sold_release, price_when_added=price_of(sold_release).amount)
    assert services.wishlist_check_prices() == 0
    assert mail.outbox == []


def test_coming_on_sale_is_emailed(shopper, sold_release):
    """Not on sale when added, on sale now: "Now on sale"."""
    wish(shopper, sold_release, price_when_added=None, currency="")
    services.wishlist_check_prices()
    [message] = mail.outbox
    assert message.subject.startswith("Now on sale")


def test_one_email_per_shopper(shopper, sold_release, live_api):
    """Two releases dropping in price make one email listing both."""
    chart = get_client().get_release_chart(page_size=5, country="GB").items
    wish(shopper, sold_release)
    other = next(entry.release for entry in chart if entry.release.id != sold_release.id)
    wish(shopper, other, title=other.title)
    assert services.wishlist_check_prices() == 1
    assert len(mail.outbox) == 1
    assert sold_release.title in mail.outbox[0].body and other.title in mail.outbox[0].body


def test_the_daily_task_runs_the_check(shopper, sold_release):
    """The Celery task (eager in tests) sends the alerts."""
    wish(shopper, sold_release)
    check_wishlist_prices.delay()
    assert len(mail.outbox) == 1


def test_the_check_is_scheduled_daily():
    """Celery beat runs the check once a day."""
    entry = next(
        e for e in app.conf.beat_schedule.values() if e["task"] == "accounts.check_wishlist_prices"
    )
    assert entry["schedule"] == 24 * 60 * 60


def test_an_unreachable_api_changes_nothing(shopper, sold_release, settings):
    """API down (and no fresh copy): no email, and the item is not marked as checked."""
    item = wish(shopper, sold_release)
    settings.SEVENDIGITAL_API_URL = f"http://127.0.0.1:{free_port()}/1.2"
    reset_client()
    assert services.wishlist_check_prices() == 0
    item.refresh_from_db()
    assert item.last_checked is None


def test_two_shoppers_wish_for_the_same_release_each_for_themselves(
    client, shopper, sold_release, django_user_model
):
    """Both keep it; one removing it leaves the other's; each release page (its shared
    fragments warm from the other's visit) shows the shopper's own button."""
    other = make_shopper(django_user_model)
    page = reverse("release-detail", args=[sold_release.id])
    for user in (shopper, other):
        client.force_login(user)
        toggle(client, sold_release.id, "add")
    assert WishlistItem.objects.filter(release_id=sold_release.id).count() == 2
    client.force_login(shopper)
    toggle(client, sold_release.id, "remove")
    assert "Add to wishlist" in client.get(page).content.decode()
    client.force_login(other)
    assert "On your wishlist" in client.get(page).content.decode()
    assert list(WishlistItem.objects.values_list("user", flat=True)) == [other.pk]
