"""Stored cards through 7digital's hosted form; card numbers never reach the store."""

import logging
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from checkout.selectors import cards_for
from tests.checkout.support import post_card_form, register_card

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]

SECRET_CARD = "4242424242424242"  # Luhn-valid VISA, used by no other test
BAD_NUMBER = "4111111111111112"  # fails the Luhn check


def add_card_through_the_store(client, number: str):
    """Press "Add a card", fill the hosted form, follow the browser back to the store."""
    start = client.post(reverse("card-add"), {"next": reverse("checkout")})
    assert start.status_code == 302
    form_url = start["Location"]
    back = urlsplit(post_card_form(form_url, number=number))
    assert back.path == reverse("card-registration-return")
    return client.get(f"{back.path}?{back.query}", follow=True)


def test_adding_a_card_through_the_hosted_form(client, shopper, shop):
    """The browser is sent to the sandbox's form, and back; the card is listed."""
    client.force_login(shopper)
    response = add_card_through_the_store(client, SECRET_CARD)
    assert "Card VISA ending 4242 added" in response.text
    assert response.redirect_chain[0][0] == reverse("checkout")  # back where it started
    cards = cards_for(user=shopper)
    assert [(card.last_four_digits, card.is_default) for card in cards] == [("4242", True)]


def test_a_refused_card_number_is_explained(client, shopper, shop):
    client.force_login(shopper)
    response = add_card_through_the_store(client, BAD_NUMBER)
    assert "The card was not added" in response.text
    assert "CardNumber" in response.text
    assert cards_for(user=shopper) == ()


def test_card_numbers_never_reach_the_store(client, shopper, shop, caplog):
    """Neither the store's logs nor any column of its database holds the number."""
    caplog.set_level(logging.DEBUG)
    client.force_login(shopper)
    add_card_through_the_store(client, SECRET_CARD)
    client.get(reverse("cards"))
    assert cards_for(user=shopper)  # the card was added
    assert SECRET_CARD not in caplog.text and "4242 4242" not in caplog.text
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                dumped = " ".join(str(value) for value in row)
                assert SECRET_CARD not in dumped, table


def test_make_default_and_delete(client, shopper, shop):
    """Each card action is a POST; the list follows 7digital."""
    register_card(shopper, "4111111111111111")
    register_card(shopper, "5555555555554444")  # the newest is the default
    client.force_login(shopper)
    first, second = cards_for(user=shopper)
    assert (first.is_default, second.is_default) == (False, True)
    response = client.post(reverse("card-select"), {"card_id": first.id}, follow=True)
    assert "now your default" in response.text
    assert [card.is_default for card in cards_for(user=shopper)] == [True, False]
    client.post(reverse("card-delete"), {"card_id": second.id})
    assert [card.id for card in cards_for(user=shopper)] == [first.id]
    page = client.get(reverse("cards")).text
    assert "ending 1111" in page and "ending 4444" not in page


def test_card_pages_refuse_get_for_changes(client, shopper, shop):
    client.force_login(shopper)
    assert client.get(reverse("card-delete")).status_code == 405
    assert client.get(reverse("card-add")).status_code == 405
