"""The operation table matches the OpenAPI spec, and every operation has a working method."""

import inspect

import pytest
import yaml

from sevendigital import OPERATIONS, Auth, UserToken
from tests.reference import SPEC

from .fakes import TOKEN_SECRET, envelope, make_client
from .oauth_check import form_body, oauth_params, query_of, signature_is_valid

SECURITY = {"oauth1": Auth.KEY, "oauth1_two_legged": Auth.TWO_LEGGED}
SECURITY["oauth1_three_legged"] = Auth.THREE_LEGGED


def spec_operations() -> dict[str, tuple[str, str, Auth]]:
    spec = yaml.safe_load(SPEC.read_text())
    found = {}
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            scheme = next(iter(op.get("security", [{"oauth1": []}])[0]))
            found[op["operationId"]] = (method.upper(), path.strip("/"), SECURITY[scheme])
    return found


def test_table_has_every_spec_operation_with_its_method_path_and_auth():
    """61 operations, each with the spec's method, path and security level."""
    expected = spec_operations()
    actual = {op.operation_id: (op.method, op.path, op.auth) for op in OPERATIONS.values()}
    assert len(actual) == 61
    assert actual == expected


def call_arguments(method) -> dict:
    """Dummy values for a method's required keyword arguments."""
    arguments = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "token":
            arguments[name] = UserToken("user-token", TOKEN_SECRET)
        elif parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
            arguments[name] = "7"
    return arguments


def answer_for(op) -> bytes:
    return envelope(f"<{op.roots[0]}/>" if op.roots else "")


@pytest.mark.parametrize("op", OPERATIONS.values(), ids=lambda op: op.name)
def test_each_method_calls_its_operation(op):
    """The method named after the operation sends its method to its path, signed at
    its auth level, with parameters in the query (GET) or a form body (POST/PUT)."""
    h = make_client()
    method = getattr(h.client, op.name)
    arguments = call_arguments(method)
    h.adapter.reply(answer_for(op))
    result = method(**arguments)
    sent = h.last
    assert sent.method == op.method
    assert sent.path_url.split("?")[0] == "/1.2/" + op.path.replace("{id}", "7")
    has_token = "token" in arguments
    assert ("oauth_token" in oauth_params(sent)) == has_token
    assert signature_is_valid(sent, token_secret=TOKEN_SECRET if has_token else None)
    if op.method == "GET":
        assert form_body(sent) is None
    else:
        assert query_of(sent) == {}
    assert (result is None) == (not op.roots)


def test_three_legged_methods_take_a_token():
    """Every 3-legged operation accepts token= (how a user's access token is passed)."""
    h = make_client()
    for op in OPERATIONS.values():
        if op.auth is Auth.THREE_LEGGED:
            assert "token" in inspect.signature(getattr(h.client, op.name)).parameters, op.name
