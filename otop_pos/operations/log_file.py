"""The process's log file beside the centre's database, with PINs, secrets and IDs masked.

`start_log` sends the process's log to ``logs/otop-pos.log`` beside the
database; the window app and the command line call it once, and calling it
again for the same database changes nothing. The file rotates at
`MAX_BYTES` and keeps `BACKUPS` older files, in UTF-8. Records are written
as they come (the handler flushes, it never fsyncs), and the scan and sale
path logs nothing, so the log never slows a sale.

The log never holds a PIN, a secret or a buyer's tax ID. The code never hands
one to a logger; `Redact` is the second line: on every record it masks any
13-digit number (a tax ID or national ID, with or without dashes; a barcode
is masked too, as the two cannot be told apart) and the value of anything
named like a PIN, secret, password or PKCS#12 key, in the message, its
arguments and any traceback.

Two processes on one database (the till and a command) share the file; a
rotation while both write may leave one writing on in the renamed file.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # logging.handlers loads when the log starts, not with the till's modules
    from logging.handlers import RotatingFileHandler


# The log --------------------------------------------------------------------
LOG_FOLDER = "logs"
LOG_FILE = "otop-pos.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASKED = "***"
MASKED_ID = "[13 digits]"
_THIRTEEN_DIGITS = re.compile(r"(?<!\d)\d(?:[ -]?\d){12}(?!\d)")
_SECRET_NAMES = r"pin|pins|pin_hash|secret|password|passwd|passphrase|p12|pkcs12|pfx|รหัสผ่าน"


# key=value, key: value, 'key': 'value', key='value' (manager_pin, etax_p12_password ...)
_KEY_VALUE = re.compile(
    rf"""(?P<key>["']?\b(?:\w+_)?(?:{_SECRET_NAMES})(?:_\w+)?\b["']?)"""
    r"""(?P<sep>\s*[=:]\s*)(?P<value>'[^']*'|"[^"]*"|[^\s,;)}\]]+)""",
    re.IGNORECASE,
)


# "PIN 482913", "รหัส PIN: 482913", "password 1234": digits after the word
_WORD_DIGITS = re.compile(
    rf"(?P<key>\b(?:{_SECRET_NAMES})\b)(?P<sep>\W{{0,3}})(?P<value>\d{{4,}})", re.IGNORECASE
)
_lock = threading.Lock()
_handler: RotatingFileHandler | None = None


def redact(text: str) -> str:
    """``text`` with secrets' values and 13-digit numbers masked."""
    text = _KEY_VALUE.sub(lambda m: f"{m['key']}{m['sep']}{MASKED}", text)
    text = _WORD_DIGITS.sub(lambda m: f"{m['key']}{m['sep']}{MASKED}", text)
    return _THIRTEEN_DIGITS.sub(MASKED_ID, text)


class Redact(logging.Filter):
    """Masks secrets in a record's final message (its arguments merged in) and traceback."""

    _traceback = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed logging call must not take the app down with it
            message = f"{record.msg} (arguments not shown: they did not fit the message)"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._traceback.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_folder(db_path: str | Path) -> Path:
    """Where the logs of the centre whose database is ``db_path`` go."""
    return Path(db_path).resolve().parent / LOG_FOLDER


def start_log(
    db_path: str | Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> Path | None:
    """Write this process's log beside ``db_path``; the log file, or None if it cannot be.

    Our own loggers write from INFO up, everyone else's (Qt, printers' and
    PDF libraries) from WARNING. A folder that cannot be written (a read-only
    share) leaves the process without a log file rather than failing.
    """
    from logging.handlers import RotatingFileHandler

    global _handler
    target = log_folder(db_path) / LOG_FILE
    with _lock:
        if _handler is not None and Path(_handler.baseFilename) == target:
            return target
        try:
            target.parent.mkdir(exist_ok=True)  # beside a database that exists, never a new tree
            handler = RotatingFileHandler(
                target, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
            )
        except OSError:
            return None
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(Redact())
        root = logging.getLogger()
        if _handler is not None:
            root.removeHandler(_handler)
            _handler.close()
        root.addHandler(handler)
        logging.getLogger("otop_pos").setLevel(logging.INFO)
        _handler = handler
        return target


def stop_log() -> None:
    """Close the log file (tests do; a process's is closed at exit by logging itself)."""
    global _handler
    with _lock:
        if _handler is not None:
            logging.getLogger().removeHandler(_handler)
            _handler.close()
            _handler = None
