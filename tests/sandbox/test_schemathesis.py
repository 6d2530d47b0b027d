"""Property-based fuzzing of all 61 operations of the seed OpenAPI against the live sandbox.

Schemathesis generates requests from the spec (valid and invalid parameters, odd
strings, missing fields), signs each with OAuth 1.0 (consumer + a user's access
token, which every auth level accepts) and sends it to the `sandbox_server` process.
The only check is that no answer is a 5xx: the spec's response schemas describe JSON
objects that do not exist on the wire (WIRE-NOTES §8), so they are not validated.
Kept small (a few examples per operation) so the whole run takes a minute or two.
"""

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from tests.reference import SPEC
from tests.sandbox.live_support import LiveShopper, make_live_shopper

EXAMPLES_PER_OPERATION = 12

pytestmark = [pytest.mark.live_sandbox]

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


@pytest.fixture(scope="module")
def live(sandbox_server) -> tuple[str, LiveShopper]:
    return sandbox_server.api_url, make_live_shopper(sandbox_server)


@schema.parametrize()
def test_no_operation_answers_with_a_server_error(case, live):
    """Whatever the parameters, the sandbox answers with a 2xx, 3xx or 4xx."""
    api_url, shopper = live
    response = case.call(base_url=api_url, auth=shopper.auth(), timeout=30)
    case.validate_response(response, checks=[not_a_server_error])
