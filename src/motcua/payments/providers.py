"""The provider interface every payment gateway implements, and how one is chosen.

A provider turns a pending `Payment` into the address of its payment page, and turns the
data of its callback (server-to-server notification or the browser's return) into a
`CallbackResult` after checking the signature. Everything else (idempotency, the dossier)
is done once, in `payments.services`.
"""

import abc
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound


class InvalidSignature(DomainError):
    """The callback was not signed by the provider: nothing may change."""

    status = 400

    def __init__(self):
        super().__init__("bad_signature", _("Chữ ký của kết quả thanh toán không hợp lệ."))


@dataclass(frozen=True)
class CallbackResult:
    reference: str
    paid: bool
    amount: int
    transaction: str = ""
    receipt_number: str = ""
    reason: str = ""


class PaymentProvider(abc.ABC):
    """One payment gateway. `paid_online` is the national code stored on the dossier (DOMAIN §7)."""

    name: str = ""
    label: str = ""
    paid_online: int = 1

    @abc.abstractmethod
    def redirect_url(self, payment, *, return_url: str) -> str:
        """The address of the provider's page where the citizen pays `payment`."""

    @abc.abstractmethod
    def parse_callback(self, data: Mapping[str, str]) -> CallbackResult:
        """The verified outcome carried by `data`; raises `InvalidSignature` otherwise."""


def provider_names() -> list[str]:
    return list(settings.PAYMENT_PROVIDERS)


def get_provider(name: str | None = None) -> PaymentProvider:
    """The configured provider (`PAYMENT_PROVIDER`), or the one called `name`."""
    name = name or settings.PAYMENT_PROVIDER
    path = settings.PAYMENT_PROVIDERS.get(name)
    if path is None:
        raise NotFound("provider_not_found", _("Không có đơn vị thanh toán này."))
    return import_string(path)()
