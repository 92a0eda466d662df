"""The access log never keeps the secret of a resident's calendar address."""

import datetime as dt
from types import SimpleNamespace

from gunicorn.config import Config

from core.accesslog import PortalLogger


def logged_line(path, referer="-"):
    logger = PortalLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": referer,
        "REMOTE_ADDR": "10.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, dt.timedelta(seconds=0))
    return " ".join(str(atoms[key]) for key in ("r", "U", "f"))


def test_a_calendar_token_is_not_written_to_the_access_log():
    line = logged_line(
        "/accounts/calendar/s3cret-Token_x.ics",
        referer="https://x/accounts/calendar/s3cret-Token_x.ics",
    )
    assert "s3cret" not in line
    assert "/accounts/calendar/….ics" in line


def test_other_paths_are_logged_as_they_are():
    assert "/spaces/mangwon/" in logged_line("/spaces/mangwon/")
