"""Schemathesis on all 61 operations of the seed OpenAPI against the live sandbox.

Two runs over the same spec, every request signed with OAuth 1.0 (consumer + a
user's access token, which every auth level accepts) and sent to the
`sandbox_server` process:

- Fuzzing: generated requests (valid and invalid parameters, odd strings, missing
  fields); no answer may be a 5xx. The spec's response schemas describe JSON objects
  that do not exist on the wire (docs/WIRE-NOTES.md §8), so they are not validated.
- Valid data: one request per operation from tests/sandbox/schemathesis_examples.py,
  on users, baskets, purchases and cards seeded in the sandbox: every operation must
  answer a 2xx with an ok envelope, so none is fuzzed only on its validation paths.

The terminal summary lists, per operation, how many answers were 2xx, 4xx and 5xx.
"""

import pytest
import schemathesis
from lxml import etree
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from tests.reference import SPEC
from tests.sandbox.schemathesis_examples import EXAMPLES, World, make_world, record

pytestmark = [pytest.mark.live_sandbox]

EXAMPLES_PER_OPERATION = 12
SPEC_OPERATION_COUNT = 61

CONFIG = SchemathesisConfig.from_dict(
    {
        # The explicit examples of the spec, then generated cases; the coverage phase
        # (every boundary of every parameter) would multiply the run time.
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": False},
            "fuzzing": {"enabled": True},
        },
        "generation": {
            "mode": "all",  # schema-valid and schema-violating requests
            "max-examples": EXAMPLES_PER_OPERATION,
            # OAuth parameters come from the signer, not from the generator.
            "with-security-parameters": False,
            "database": "none",
        },
    }
)
schema = schemathesis.openapi.from_path(SPEC, config=CONFIG)
OPERATION_IDS = [
    result.ok().definition.raw["operationId"] for result in schema.get_all_operations()
]


@pytest.fixture(scope="module")
def world(sandbox_server) -> World:
    return make_world(sandbox_server)


@schema.parametrize()
def test_no_operation_answers_with_a_server_error(case, world, sandbox_server, request):
    """Whatever the parameters, the sandbox answers with a 2xx, 3xx or 4xx."""
    response = case.call(base_url=sandbox_server.api_url, auth=world.auth(), timeout=30)
    record(request.config, case.operation.definition.raw["operationId"], response.status_code)
    case.validate_response(response, checks=[not_a_server_error])


def test_every_operation_of_the_spec_has_a_valid_example():
    assert len(OPERATION_IDS) == SPEC_OPERATION_COUNT
    assert sorted(EXAMPLES) == sorted(OPERATION_IDS)


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_operation_answers_valid_data_with_a_2xx(
    operation_id, world, sandbox_server, request
):
    """The operation's valid request is served: a 2xx with an ok envelope."""
    case = schema.find_operation_by_id(operation_id).Case(**EXAMPLES[operation_id](world))
    headers = {"Accept": "application/xml"}
    response = case.call(
        base_url=sandbox_server.api_url, auth=world.auth(), headers=headers, timeout=30
    )
    record(request.config, operation_id, response.status_code)
    case.validate_response(response, checks=[not_a_server_error])
    assert 200 <= response.status_code < 300, response.text[:500]
    assert etree.fromstring(response.content).get("status") == "ok", response.text[:500]
