"""Every operation of the seed OpenAPI (61 on 60 paths) is served by the sandbox.

Each one must be registered with its method, and a call with no parameters (signed
with a consumer and a user's token, so every auth level is met) must reach it: a
1001 for a missing parameter, another error or a 200 are all fine; "No such API
method", a 405 or a 5xx are not.
"""

import pytest
import yaml
from lxml import etree

from sandbox.oauth.tokens import issue_access_token
from sandbox.wire.registry import OPERATIONS
from tests.reference import SPEC
from tests.sandbox.factories import make_country
from tests.sandbox.oauth_support import make_consumer, make_user, signed

METHODS = ("get", "post", "put", "delete", "patch")
SPEC_OPERATION_COUNT = 61


def spec_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in the spec."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in METHODS
    ]


OPERATIONS_IN_SPEC = spec_operations()
parametrize_operations = pytest.mark.parametrize(
    ("method", "path"), OPERATIONS_IN_SPEC, ids=[f"{m} {p}" for m, p in OPERATIONS_IN_SPEC]
)


def test_the_spec_has_every_operation():
    """The vendored spec has its 61 operations."""
    assert len(OPERATIONS_IN_SPEC) == SPEC_OPERATION_COUNT


@parametrize_operations
def test_operation_is_registered(method, path):
    """The registry has the path (case-insensitively) with the spec's method."""
    wanted = path.strip("/").lower()
    assert any(op.path.lower() == wanted and method in op.methods for op in OPERATIONS.values()), (
        f"{method} {path} is not registered"
    )


@pytest.fixture
def caller(db):
    make_country("GB")
    consumer = make_consumer()
    return consumer, issue_access_token(consumer=consumer, user=make_user())


@pytest.mark.urls("sandbox.urls")
@parametrize_operations
def test_operation_answers_without_parameters(client, caller, method, path):
    """A call with no parameters reaches the operation and gets a 7digital answer."""
    consumer, token = caller
    concrete = path.replace("{id}", "1")
    response = signed(client, method, f"/1.2{concrete}", consumer, token=token, params={})
    assert b"No such API method" not in response.content
    assert response.status_code != 405, response.content
    assert response.status_code < 500, response.content
    if response.status_code != 401:  # OAuth failures are plain text, as on the real API
        assert etree.fromstring(response.content).tag == "response"
