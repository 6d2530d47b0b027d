"""Staff pages: links and wishlists, and no token ever on show."""

import pytest
from django.urls import reverse

from accounts.models import SevenDigitalLink, WishlistItem
from sevendigital import UserToken

pytestmark = pytest.mark.django_db

TOKEN = UserToken("plain-access-token-123", "plain-access-secret-456")


@pytest.fixture
def link(shopper):
    link = SevenDigitalLink(
        user=shopper, sevendigital_user_id="777", email="a@b.example", how="oauth"
    )
    link.set_token(TOKEN)
    link.save()
    return link


def test_link_pages_never_show_the_token(admin_client, link):
    """Neither the token nor its secret, plain or encrypted, is in the list or the page."""
    pages = [
        admin_client.get(reverse("admin:accounts_sevendigitallink_changelist")),
        admin_client.get(reverse("admin:accounts_sevendigitallink_change", args=[link.pk])),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "777" in html
        for secret in (
            TOKEN.token,
            TOKEN.secret,
            link.token_key_encrypted,
            link.token_secret_encrypted,
        ):
            assert secret not in html


def test_link_page_links_to_the_user(admin_client, link):
    """Each link points staff at the user's own admin page."""
    html = admin_client.get(reverse("admin:accounts_sevendigitallink_changelist")).content.decode()
    assert reverse("admin:auth_user_change", args=[link.user.pk]) in html


def test_links_cannot_be_added_or_edited_by_hand(admin_client, link):
    """Links come from sign-up or the shopper's own 7digital sign-in only."""
    assert admin_client.get(reverse("admin:accounts_sevendigitallink_add")).status_code == 403
    page = admin_client.get(reverse("admin:accounts_sevendigitallink_change", args=[link.pk]))
    assert 'name="_save"' not in page.content.decode()


def test_wishlist_items_are_listed(admin_client, shopper):
    """Staff can see what shoppers wish for."""
    WishlistItem.objects.create(user=shopper, release_id=1, title="Blue Hour", country="GB")
    html = admin_client.get(reverse("admin:accounts_wishlistitem_changelist")).content.decode()
    assert "Blue Hour" in html
