"""The SMS adapter interface and the logging implementation used by the demo.

A real operator gateway implements `SmsSender.send` and is named in `SMS_BACKEND`; it must
pass the contract tests in tests/notifications/test_sms_contract.py.
"""

import abc
import logging
import re

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.sms")

PHONE = re.compile(r"^\+?\d{8,15}$")
MAX_LENGTH = 459  # three concatenated Unicode-less segments; longer texts are cut


class SmsError(Exception):
    """The message was not accepted; the task retries it."""


class SmsSender(abc.ABC):
    @abc.abstractmethod
    def send(self, *, to: str, text: str) -> str:
        """Send `text` to `to`; return the gateway's message id, raise SmsError on refusal."""

    @staticmethod
    def check(to: str, text: str) -> None:
        if not PHONE.match(to or ""):
            raise SmsError(f"invalid phone number: {to!r}")
        if not text.strip():
            raise SmsError("empty message")


class LoggingSmsSender(SmsSender):
    """Writes each message to the `motcua.sms` log instead of sending it."""

    def send(self, *, to: str, text: str) -> str:
        self.check(to, text)
        message_id = f"log-{abs(hash((to, text))) % 10**10:010d}"
        logger.info("SMS to %s [%s]: %s", to, message_id, text[:MAX_LENGTH])
        return message_id


def get_sms_sender() -> SmsSender:
    return import_string(settings.SMS_BACKEND)()
