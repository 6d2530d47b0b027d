"""Driving the sandbox's 7digital sign-in page as a browser would, with `requests`."""

import re
from urllib.parse import urlsplit

import requests

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def authorise_on_sandbox(
    authorise_url: str, *, email: str, password: str, decision: str = "allow"
) -> str:
    """GET the sign-in page, POST the form; where the sandbox sends the browser back."""
    session = requests.Session()
    page = session.get(authorise_url, timeout=10)
    page.raise_for_status()
    csrf = CSRF_FIELD.search(page.text).group(1)
    oauth_token = re.search(r'name="oauth_token" value="([^"]+)"', page.text).group(1)
    form = {
        "csrfmiddlewaretoken": csrf,
        "oauth_token": oauth_token,
        "email": email,
        "password": password,
        "decision": decision,
    }
    answer = session.post(
        authorise_url, data=form, headers={"Referer": authorise_url}, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def local_path(url: str) -> str:
    """The path and query of a URL on the store (the Django test client's side)."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
