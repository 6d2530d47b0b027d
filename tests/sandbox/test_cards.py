"""Cards: listing, selecting, deleting, the hosted registration form and direct add."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree, html

from sandbox.commerce import cards
from sandbox.models import Card, CardRegistration
from tests.sandbox.factories import assert_shape_recorded, error_of, make_country, payload
from tests.sandbox.oauth_support import oauth_failure
from tests.sandbox.shopper import add_card, call, card_form, future_year, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

RETURN_URL = "https://shop.example/cards/added"


@pytest.fixture
def shopper():
    make_country("GB")
    return make_shopper()


def start_registration(client, shopper, redirect_url: str = RETURN_URL) -> str:
    answer = payload(
        call(client, "POST", "user/payment/cardregistration", shopper, redirectUrl=redirect_url)
    )
    return answer.get("id")


def registration(client, shopper, registration_id: str) -> etree._Element:
    return payload(call(client, "GET", f"user/payment/cardregistration/{registration_id}", shopper))


def test_cards_list_in_the_recorded_shape(client, shopper):
    """user/payment/card lists `card` elements with the children the recordings show."""
    add_card(shopper.user)
    cards_element = payload(call(client, "GET", "user/payment/card", shopper))
    assert cards_element.tag == "cards"
    card = cards_element.find("card")
    assert_shape_recorded(card, "user/payment/card/*.xml", "/response/cards/card")
    assert card.findtext("type") == "VISA"
    assert card.findtext("last4digits") == "1111"
    assert card.findtext("default") == "true"
    assert card.findtext("expiryDate") == f"{future_year()}09"


def test_cards_list_is_empty_without_cards(client, shopper):
    """A user without cards gets an empty `cards` element."""
    assert len(payload(call(client, "GET", "user/payment/card", shopper))) == 0


def test_cards_list_in_json(client, shopper):
    """JSON carries the card's fields as properties."""
    add_card(shopper.user, "5555555555554444")
    body = json.loads(call(client, "GET", "user/payment/card", shopper, as_json=True).content)
    assert body["cards"]["card"]["type"] == "MASTERCARD"
    assert body["cards"]["card"]["last4digits"] == "4444"


def test_cards_need_a_user_token(client, shopper):
    """Without a user's token the card list is an OAuth failure."""
    response = client.get("/1.2/user/payment/card", {"oauth_consumer_key": shopper.consumer.key})
    assert "no user credentials" in oauth_failure(response)


def test_select_makes_another_card_the_default(client, shopper):
    """card/select answers the empty ok envelope and moves the default flag."""
    first = add_card(shopper.user)
    second = add_card(shopper.user, "5555555555554444")
    response = call(client, "POST", "user/payment/card/select", shopper, cardId=first.pk)
    assert etree.fromstring(response.content).get("status") == "ok"
    assert len(etree.fromstring(response.content)) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_default, second.is_default) == (True, False)


def test_select_of_someone_elses_card_is_not_found(client, shopper):
    """A card of another user cannot be selected (2001)."""
    stranger = make_shopper("stranger@example.com", consumer=shopper.consumer)
    theirs = add_card(stranger.user)
    response = call(client, "POST", "user/payment/card/select", shopper, cardId=theirs.pk)
    assert error_of(response)[:2] == (404, 2001)


def test_select_needs_a_card_id(client, shopper):
    """card/select without cardId is a 1001."""
    assert error_of(call(client, "POST", "user/payment/card/select", shopper))[1] == 1001


def test_deleting_the_default_makes_the_newest_other_card_default(client, shopper):
    """After the default card is deleted, the most recently added other card is default."""
    oldest = add_card(shopper.user)
    newer = add_card(shopper.user, "5555555555554444")
    default = add_card(shopper.user, "378282246310005")
    call(client, "POST", "user/payment/card/delete", shopper, cardId=default.pk)
    assert not Card.objects.filter(pk=default.pk).exists()
    assert Card.objects.get(pk=newer.pk).is_default
    assert not Card.objects.get(pk=oldest.pk).is_default


def test_deleting_the_last_card_leaves_none(client, shopper):
    """Deleting the only card leaves the user without cards and without an error."""
    card = add_card(shopper.user)
    response = call(client, "POST", "user/payment/card/delete", shopper, cardId=card.pk)
    assert response.status_code == 200
    assert not shopper.user.cards.exists()


def test_registration_starts_pending_with_its_redirect_url(client, shopper):
    """cardregistration answers `cardRegistration @status="pending"` with `redirectUrl`."""
    answer = payload(
        call(client, "POST", "user/payment/cardregistration", shopper, redirectUrl=RETURN_URL)
    )
    assert answer.tag == "cardRegistration"
    assert answer.get("status") == "pending"
    assert answer.findtext("redirectUrl") == RETURN_URL


def test_registration_needs_an_absolute_redirect_url(client, shopper):
    """A missing redirectUrl is a 1001; a relative one a 1002."""
    path = "user/payment/cardregistration"
    assert error_of(call(client, "POST", path, shopper))[1] == 1001
    assert error_of(call(client, "POST", path, shopper, redirectUrl="/back"))[1] == 1002


def test_registration_ids_cannot_be_guessed(client, shopper):
    """The public id is signed: the bare row id, or another row's, names nothing."""
    public_id = start_registration(client, shopper)
    row_id = CardRegistration.objects.get().pk
    assert public_id != str(row_id)
    assert cards.registration_by_public_id(str(row_id)) is None
    forged = public_id.replace(f"{row_id}-", f"{row_id + 1}-", 1)
    assert cards.registration_by_public_id(forged) is None


def test_hosted_form_labels_every_field(client, shopper):
    """The form the browser visits has a label for each of its inputs."""
    page = html.fromstring(
        client.get(f"/cardregistration/{start_registration(client, shopper)}").content
    )
    inputs = page.xpath("//form//input")
    assert {i.get("name") for i in inputs} == set(card_form())
    labelled = {label.get("for") for label in page.xpath("//label")}
    assert all(i.get("id") in labelled for i in inputs)


def test_submitting_the_form_adds_the_card_and_returns_to_the_store(client, shopper):
    """A valid card: 302 to redirectUrl?cardRegistrationId=..; the registration is complete."""
    public_id = start_registration(client, shopper)
    response = client.post(f"/cardregistration/{public_id}", card_form())
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location._replace(query="").geturl() == RETURN_URL
    assert parse_qs(location.query) == {"cardRegistrationId": [public_id]}
    answer = registration(client, shopper, public_id)
    assert answer.get("status") == "complete"
    assert_shape_recorded(
        answer.find("card"),
        "user/payment/cardregistration/*.xml",
        "/response/cardRegistration/card",
    )
    assert answer.findtext("card/last4digits") == "1111"


def test_return_url_keeps_the_stores_own_query(client, shopper):
    """A redirectUrl with a query gets cardRegistrationId appended to it."""
    public_id = start_registration(client, shopper, f"{RETURN_URL}?step=2")
    location = client.post(f"/cardregistration/{public_id}", card_form())["Location"]
    assert parse_qs(urlsplit(location).query) == {"step": ["2"], "cardRegistrationId": [public_id]}


def test_the_card_number_and_cvv_are_not_stored(client, shopper):
    """Only brand, last four digits, holder, expiry and outcome are kept."""
    public_id = start_registration(client, shopper)
    fields = card_form(cardNumber="5555555555554444", cardVerificationCode="987")
    client.post(f"/cardregistration/{public_id}", fields)
    card = Card.objects.get(user=shopper.user)
    kept = {"id", "user", "created"}
    stored = " ".join(
        str(getattr(card, f.attname)) for f in Card._meta.concrete_fields if f.name not in kept
    )
    assert "5555555555554444" not in stored
    assert "987" not in stored
    assert (card.type, card.last4, card.outcome) == ("MASTERCARD", "4444", "approve")


RECORDED_FIELD_ERRORS = [
    ({"cardNumber": "4111111111111112"}, "Value of parameter CardNumber is not valid"),
    ({"cardHolderName": "B0b"}, "Value of parameter CardHolderName is not valid"),
    ({"cardExpiryMonth": "13"}, "Value of parameter ExpiryDate is not valid"),
    ({"cardExpiryYear": "0000"}, "Value of parameter ExpiryDate is not valid"),
    (
        {"cardExpiryYear": "2001"},
        "Value of parameter ExpiryDate is not valid: ExpiryDate cannot be in the past",
    ),
    ({"cardStartMonth": "1", "cardStartYear": ""}, "Value of parameter StartDate is not valid"),
    (
        {"cardStartMonth": "01", "cardStartYear": str(future_year())},
        "Value of parameter StartDate is not valid: StartDate cannot be in the future",
    ),
    ({"cardPostCode": "!"}, "Value of parameter CardPostcode is not valid"),
    ({"cardVerificationCode": "12"}, "Value of parameter CardVerificationCode is not valid"),
]


@pytest.mark.parametrize(("fields", "message"), RECORDED_FIELD_ERRORS)
def test_a_bad_field_ends_the_registration_in_the_recorded_error(client, shopper, fields, message):
    """Each bad field gives `status="error"` with a 1002 worded as the recordings word it."""
    public_id = start_registration(client, shopper)
    assert client.post(f"/cardregistration/{public_id}", card_form(**fields)).status_code == 302
    answer = registration(client, shopper, public_id)
    assert answer.get("status") == "error"
    assert answer.find("error").get("code") == "1002"
    assert answer.findtext("error/errorMessage") == message
    assert not shopper.user.cards.exists()


def test_the_refused_test_number_fails_with_3103(client, shopper):
    """Test number 4000000000000119 cannot be added: the registration errors with 3103."""
    public_id = start_registration(client, shopper)
    client.post(f"/cardregistration/{public_id}", card_form(cardNumber=cards.REFUSED_CARD))
    answer = registration(client, shopper, public_id)
    assert answer.find("error").get("code") == "3103"


def test_a_form_is_sent_once(client, shopper):
    """A second submission is refused with a page (400) and adds no second card."""
    public_id = start_registration(client, shopper)
    client.post(f"/cardregistration/{public_id}", card_form())
    again = client.post(f"/cardregistration/{public_id}", card_form(cardNumber="5555555555554444"))
    assert again.status_code == 400
    assert client.get(f"/cardregistration/{public_id}").status_code == 400
    assert shopper.user.cards.count() == 1


def test_an_unknown_form_is_not_found(client, shopper):
    """A registration id that was never issued shows a 404 page."""
    assert client.get("/cardregistration/12-not-a-signature").status_code == 404


def test_another_users_registration_is_not_found(client, shopper):
    """A user cannot read another user's registration through the API (2001)."""
    public_id = start_registration(client, shopper)
    stranger = make_shopper("stranger@example.com", consumer=shopper.consumer)
    path = f"user/payment/cardregistration/{public_id}"
    assert error_of(call(client, "GET", path, stranger))[1] == 2001


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4111111111111111", "VISA"),
        ("5105105105105100", "MASTERCARD"),
        ("2223003122003222", "MASTERCARD"),
        ("378282246310005", "AMEX"),
        ("6759649826438453", "MAESTRO"),
        ("5018000000000009", "MAESTRO"),
        ("3528000000000007", None),
    ],
)
def test_brand_comes_from_the_number_prefix(number, brand):
    """VISA 4, MASTERCARD 51-55 and 2221-2720, AMEX 34/37, MAESTRO 50 and 56-69."""
    assert cards.card_brand(number) == brand


def test_direct_add_answers_the_card(client, shopper):
    """user/payment/card/add adds a default card from yyyyMM dates."""
    card = payload(
        call(
            client,
            "POST",
            "user/payment/card/add",
            shopper,
            cardNumber="378282246310005",
            cardType="AMEX",
            cardHolderName="Ann Other",
            cardExpiryDate=f"{future_year()}01",
            cardVerificationCode="1234",
            cardPostCode="EC1A 1BB",
            cardCountry="gb",
        )
    )
    assert (card.findtext("type"), card.findtext("last4digits")) == ("AMEX", "0005")
    assert card.findtext("country") == "GB"
    assert card.findtext("default") == "true"


def test_direct_add_refuses_a_type_that_is_not_the_numbers(client, shopper):
    """cardType must be the brand the number belongs to (1002)."""
    response = call(
        client,
        "POST",
        "user/payment/card/add",
        shopper,
        cardNumber="4111111111111111",
        cardType="AMEX",
        cardHolderName="Ann Other",
        cardExpiryDate=f"{future_year()}01",
        cardVerificationCode="123",
        cardPostCode="EC1A 1BB",
    )
    assert error_of(response)[1:] == (
        1002,
        "Value of parameter cardType is not valid: the number is a VISA card",
    )
