"""Form tokens (storefront/tokens.py): the kept pages' CSRF token is Django's, made
faster: CsrfViewMiddleware takes it, each one is masked afresh, and its random
characters are uniform; checkout's one-time tokens drawn together are each like one
drawn alone."""

import base64
import string
from collections import Counter

from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)
from django.test import RequestFactory

from storefront.tokens import csrf_token, new_submit_token, new_submit_tokens, random_characters


def checked(request) -> bool:
    """Whether CsrfViewMiddleware lets `request` (a POST) through to the view."""
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    return middleware.process_view(request, lambda request: HttpResponse(), (), {}) is None


def test_a_token_is_the_requests_secret_masked_afresh_each_time():
    request = RequestFactory().get("/")
    get_token(request)  # Django's: the request's secret
    secret = request.META["CSRF_COOKIE"]
    tokens = {csrf_token(request) for _ in range(20)}
    assert len(tokens) == 20
    for token in tokens:
        assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret


def test_a_first_visit_gets_a_new_secret_for_its_cookie():
    request = RequestFactory().get("/")
    token = csrf_token(request)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert csrf_token(RequestFactory().get("/")) != token  # another visitor, another secret


def test_the_csrf_middleware_takes_the_token_and_refuses_a_changed_one(settings):
    secret = random_characters(32, CSRF_ALLOWED_CHARS)
    page = RequestFactory().get("/")
    page.META["CSRF_COOKIE"] = secret  # as CsrfViewMiddleware reads it from the cookie
    token = csrf_token(page)

    def post(value: str):
        request = RequestFactory().post("/", {"csrfmiddlewaretoken": value})
        request.COOKIES[settings.CSRF_COOKIE_NAME] = secret
        return request

    assert checked(post(token))
    changed = token[:40] + ("a" if token[40] != "a" else "b") + token[41:]
    assert not checked(post(changed))


def test_random_characters_are_uniform_over_the_alphabet():
    """62 characters from bytes: without dropping the bytes past 248 the first eight
    would come a quarter more often."""
    drawn = random_characters(620_000, CSRF_ALLOWED_CHARS)
    counts = Counter(drawn)
    assert len(drawn) == 620_000 and set(counts) == set(CSRF_ALLOWED_CHARS)
    assert all(9_500 < count < 10_500 for count in counts.values()), counts.most_common(3)
    assert set(random_characters(50, string.digits)) <= set(string.digits)


def test_submit_tokens_drawn_together_are_each_a_whole_token_of_their_own():
    alone = new_submit_token()
    together = new_submit_tokens(500)
    assert len(together) == len(set(together)) == 500
    for token in [alone, *together]:
        assert len(token) == 24 and set(token) <= set(string.ascii_letters + string.digits + "-_")
        assert len(base64.urlsafe_b64decode(token)) == 18
    assert new_submit_tokens(0) == [] and len(new_submit_tokens(1)) == 1
