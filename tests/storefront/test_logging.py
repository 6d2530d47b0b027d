"""Logs mask secrets (OAuth signatures and tokens, passwords, secrets, card numbers) in
messages, arguments and tracebacks; production writes one JSON object a line."""

import io
import json
import logging

import pytest

from storefront.logging import JsonFormatter, RedactingFilter, luhn_valid, redact
from tests.deploy import support

CARD = "4111111111111111"  # Visa's test number: passes Luhn


def capture(formatter: logging.Formatter | None = None, *, with_filter: bool = True):
    """A logger writing through one handler (with the redacting filter) into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter or logging.Formatter("%(message)s"))
    if with_filter:
        handler.addFilter(RedactingFilter())
    logger = logging.getLogger(f"tests.logging.{id(stream)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


@pytest.mark.parametrize(
    "text",
    [
        "GET /1.2/user/locker?oauth_token=tok123&oauth_signature=sig%3D456&page=1",
        'Authorization: OAuth oauth_consumer_key="7dkey", oauth_signature="sig456", '
        'oauth_token="tok123"',
        "callback ?oauth_token=tok123&oauth_verifier=ver789",
        "oauth_token_secret=tok123 in the session",
    ],
)
def test_oauth_credentials_are_masked(text):
    """Signatures, tokens, token secrets and verifiers are masked wherever they appear."""
    masked = redact(text)
    for secret in ("tok123", "sig456", "sig%3D456", "ver789"):
        assert secret not in masked
    assert "[redacted]" in masked


def test_the_consumer_key_and_other_parameters_stay_readable():
    """What is not secret stays, so the line is still useful."""
    masked = redact("GET /1.2/release/details?releaseId=300&oauth_consumer_key=7dkey")
    assert masked == "GET /1.2/release/details?releaseId=300&oauth_consumer_key=7dkey"


@pytest.mark.parametrize(
    "text",
    [
        "password=hunter2&email=a@example.com",
        "{'password': 'hunter2', 'email': 'a@example.com'}",
        '{"client_secret": "hunter2"}',
        "SECRET_KEY=hunter2",
        "TOKEN_ENCRYPTION_KEY: hunter2",
        "cardVerificationCode=hunter2",
        "Authorization: Bearer hunter2",
        "postgres://shop:hunter2@db.internal:5432/shop",
    ],
)
def test_passwords_and_secrets_are_masked(text):
    """Values of password/secret/key fields, bearer tokens and URL passwords."""
    masked = redact(text)
    assert "hunter2" not in masked
    assert "[redacted]" in masked


@pytest.mark.parametrize("number", [CARD, "4111 1111 1111 1111", "4111-1111-1111-1111"])
def test_card_numbers_are_masked_to_their_last_four(number):
    """A card number, however grouped, keeps only its last four digits."""
    masked = redact(f"card {number} declined")
    assert masked == "card [card ending 1111] declined"


def test_digit_runs_that_are_not_card_numbers_stay():
    """Ids, UPCs and timestamps that fail the Luhn check are not touched."""
    text = "release 5012345678901 upc, purchase 12345678901234"
    assert not luhn_valid("5012345678901")
    assert not luhn_valid("12345678901234")
    assert redact(text) == text


def test_redacting_twice_changes_nothing():
    """The filter and the JSON formatter may both redact: the result is the same."""
    once = redact(f'password=hunter2 oauth_signature="abc" card {CARD}')
    assert redact(once) == once


def test_the_filter_masks_arguments():
    """Secrets passed as %-arguments are masked in the formatted line."""
    logger, stream = capture()
    logger.warning("sign-in for %s failed: %r", "a@example.com", {"password": "hunter2"})
    line = stream.getvalue()
    assert "hunter2" not in line
    assert "a@example.com" in line


def test_the_filter_masks_tracebacks():
    """An exception whose message holds a secret is logged with it masked."""
    logger, stream = capture()
    try:
        raise ValueError(f"card {CARD} refused at https://x/?oauth_signature=sig456")
    except ValueError:
        logger.exception("payment failed")
    output = stream.getvalue()
    assert "Traceback" in output
    assert CARD not in output
    assert "sig456" not in output


def test_json_lines_carry_the_fields_collectors_need():
    """One JSON object a line: time, level, logger, message, process and extras."""
    logger, stream = capture(JsonFormatter())
    logger.info("served %s", "/release/1/", extra={"status_code": 200})
    entry = json.loads(stream.getvalue())
    assert entry["level"] == "INFO"
    assert entry["logger"] == logger.name
    assert entry["message"] == "served /release/1/"
    assert entry["status_code"] == 200
    assert entry["time"].endswith("+00:00")
    assert isinstance(entry["process"], int)


def test_the_json_formatter_masks_on_its_own():
    """Even on a handler without the filter, the JSON line holds no secret."""
    logger, stream = capture(JsonFormatter(), with_filter=False)
    try:
        raise RuntimeError("password=hunter2")
    except RuntimeError:
        logger.exception("oauth_token=%s", "tok123", extra={"detail": f"card {CARD}"})
    entry = json.loads(stream.getvalue())
    assert "tok123" not in entry["message"]
    assert "hunter2" not in entry["exception"]
    assert entry["detail"] == "card [card ending 1111]"


def test_a_filtered_line_is_masked_once_and_a_changed_one_again(monkeypatch):
    """The formatter trusts the filter's work (gunicorn's access log: one pass of the
    masking a request, not two), unless the message changed after the filter."""
    from storefront import logging as store_logging

    passes = []
    real = store_logging.redact
    monkeypatch.setattr(store_logging, "redact", lambda text: passes.append(text) or real(text))
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, "", 0, "GET /?oauth_token=%s", ("t0k",), None
    )
    RedactingFilter().filter(record)
    assert len(passes) == 1
    assert "t0k" not in json.loads(JsonFormatter().format(record))["message"]
    assert len(passes) == 1
    record.msg += " password=hunter2"  # a later filter or handler added to it
    assert "hunter2" not in json.loads(JsonFormatter().format(record))["message"]
    assert len(passes) == 2


def test_production_logs_are_masked_json_lines(tmp_path):
    """A production process's log output: JSON lines, secrets masked (settings.LOGGING)."""
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('sevendigital').warning("
        "'GET %s failed', 'https://api/1.2/user/locker?oauth_token=tok123&oauth_signature=sig456')"
    )
    result = support.python(support.production_env(tmp_path), code)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["logger"] == "sevendigital"
    assert entry["level"] == "WARNING"
    assert "tok123" not in entry["message"]
    assert "sig456" not in entry["message"]


def test_gunicorns_access_log_is_masked(tmp_path):
    """gunicorn.conf.py routes the access log (query strings!) through the same filter."""
    code = (
        "import logging.config, runpy; "
        "conf = runpy.run_path('gunicorn.conf.py'); "
        "logging.config.dictConfig(conf['logconfig_dict']); "
        "logging.getLogger('gunicorn.access').info("
        "'%(r)s %(s)s', {'r': 'GET /accounts/7digital/callback/?oauth_token=tok123 HTTP/1.1',"
        " 's': '302'})"
    )
    result = support.python(support.production_env(tmp_path), code)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["logger"] == "gunicorn.access"
    callback = "GET /accounts/7digital/callback/?oauth_token=[redacted] HTTP/1.1"
    assert entry["message"] == f"{callback} 302"


ACCESS_LINE = """
import logging.config, runpy
from types import SimpleNamespace
from gunicorn.config import Config
conf = runpy.run_path('gunicorn.conf.py')
logging.config.dictConfig(conf['logconfig_dict'])
config = Config()
config.set('logconfig_dict', conf['logconfig_dict'])
for name in ('accesslog', 'access_log_format'):
    config.set(name, conf[name])
log = conf['logger_class'](config)
gathered = []
def atoms(*args):
    gathered.append(args)
    return {'h': '10.0.0.1', 'r': 'GET / HTTP/1.1', 's': '200', 'b': '5', 'M': '1', 'a': '-'}
log.atoms = atoms
log.access(SimpleNamespace(), SimpleNamespace(), {}, None)
print('gathered', len(gathered))
"""


@pytest.mark.parametrize(("level", "lines"), [("INFO", 1), ("WARNING", 0)])
def test_gunicorns_access_lines_follow_the_log_level(tmp_path, level, lines):
    """An access line is INFO: LOG_LEVEL=WARNING leaves it out, and gunicorn does not
    gather its fields either."""
    result = support.python(support.production_env(tmp_path, LOG_LEVEL=level), ACCESS_LINE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.strip().splitlines()
    assert out[-1] == f"gathered {lines}"
    access = [json.loads(line) for line in out[:-1] if line.startswith("{")]
    assert [entry["message"] for entry in access] == [
        '10.0.0.1 "GET / HTTP/1.1" 200 5 1ms "-"'
    ] * lines
