"""Every recorded real 7digital response parses to the right typed model or error.

Expected values are read from each file independently of the client (lxml XPath
for XML, plain dict navigation for JSON), so a parser that drops, renames or
mis-types a field fails here. Each file is its own test id.
"""

import json

import pytest

from sevendigital import (
    AlreadyExistsError,
    InputError,
    InternalError,
    NotAvailableError,
    NotFoundError,
    PaymentError,
    SevenDigitalError,
    TransportError,
    UnableToPerformError,
    UnrecognisedError,
    VoucherError,
    parse_response,
)

from .checks_catalogue import CATALOGUE_CHECKS
from .checks_commerce import COMMERCE_CHECKS
from .json_expect import check_locker_json
from .recordings import JSON_FILES, XML_FILES, name_of, recorded_status
from .xml_expect import parse_xml, xtext

CHECKS = {**CATALOGUE_CHECKS, **COMMERCE_CHECKS}


def expected_class(code: int | None) -> type[SevenDigitalError]:
    exact = {2001: NotFoundError, 2002: NotAvailableError, 2003: AlreadyExistsError}
    bands = {1: InputError, 3: PaymentError, 7: UnableToPerformError, 9: InternalError}
    if code is None:
        return UnrecognisedError
    if code == 3012:
        return VoucherError
    return exact.get(code) or bands[code // 1000]


def expected_error(root) -> tuple[type[SevenDigitalError], int | None, str | None] | None:
    """What a recording should raise, judged from the raw XML (None: it is a success)."""
    if root is None or root.tag != "response":
        return TransportError, None, None
    error = root.find("error")
    if root.get("status") != "ok" and error is not None:
        code = error.get("code")
        number = int(code) if code and code.isdigit() else None
        return expected_class(number), number, xtext(error, "errorMessage")
    if root.get("status") != "ok":
        return TransportError, None, None
    return None


def test_reference_recordings_are_present():
    """The recordings folder is found beside the repository (else nothing is checked)."""
    assert len(XML_FILES) > 500
    assert len(JSON_FILES) > 70


@pytest.mark.parametrize("path", XML_FILES, ids=name_of)
def test_xml_recording_parses_to_its_model(path):
    """An XML recording gives the model whose fields equal the file's, or its error."""
    data = path.read_bytes()
    status = recorded_status(path)
    root = parse_xml(data)
    expected = expected_error(root)
    if expected is not None:
        error_class, code, message = expected
        with pytest.raises(error_class) as caught:
            parse_response(data, status=status)
        assert caught.value.code == code
        assert caught.value.status == status
        if message is not None:
            assert caught.value.message == message
        return
    model = parse_response(data, status=status)
    payload = next(iter(root), None)
    if payload is None:
        assert model is None  # the empty ok envelope of card select/delete
        return
    CHECKS[payload.tag](model, payload)


@pytest.mark.parametrize("path", JSON_FILES, ids=name_of)
def test_json_recording_parses_to_its_model(path):
    """A JSON recording (xml2js shape: strings, single children as objects) parses too."""
    data = path.read_bytes()
    document = json.loads(data)
    if "locker" not in document:
        # trackownership/user/default.json is a record of the internal purchasing
        # service ({shopId, purchaseId, releases[]}), not a v1.2 envelope, and no
        # client operation reads it: the parser must refuse it, not invent a model.
        assert name_of(path) == "trackownership/user/default.json"
        with pytest.raises(TransportError):
            parse_response(data)
        return
    check_locker_json(parse_response(data), document["locker"])
