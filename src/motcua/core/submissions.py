"""One-time form tokens: a form sent twice (a double click, a browser resend) writes once.

The page carries a fresh token in a hidden field named `FIELD`; the view runs its write
through `write_once`, which records the token in the write's own transaction (the staff API's
idempotency keys, by user and endpoint). A second sending of the same token finds the record
of the first instead of writing another; a refused write records nothing, so the form can be
corrected and sent again with the same token.
"""

import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction

FIELD = "submission"


class Repeated(Exception):
    """This form was already sent and its record written: `pk` of that record (and `dossier`
    when it was a dossier); both None if the first record has since been deleted."""

    def __init__(self, pk: int | None, dossier=None):
        super().__init__(pk)
        self.pk = pk
        self.dossier = dossier


class _Held(Exception):
    pass


def new_token() -> str:
    return uuid.uuid4().hex


def form_token(request) -> str:
    """The token for the page: the posted one if well formed (a form shown again with its
    errors keeps it), else a new one."""
    raw = (request.POST.get(FIELD) or "") if request.method == "POST" else ""
    return raw if len(raw) == 32 and raw.isalnum() and raw.isascii() else new_token()


def write_once[T](*, user, endpoint: str, token: str, write: Callable[[], T]) -> T:
    """`write()` in one transaction with `token` held for `user` at `endpoint`; returns what
    it returns (a saved model instance). Raises `Repeated` when the token was used before."""
    from motcua.api.models import IdempotencyKey
    from motcua.dossiers.models import Dossier

    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    held = IdempotencyKey.objects.create(
                        user=user, endpoint=endpoint, key=token, request_hash=""
                    )
            except IntegrityError:
                # A twin holds it (committed, or committing while this waited).
                raise _Held from None
            result = write()
            IdempotencyKey.objects.filter(pk=held.pk).update(
                dossier=result if isinstance(result, Dossier) else None,
                response={"pk": result.pk},
            )
            return result
    except _Held:
        first = (
            IdempotencyKey.objects.filter(user=user, endpoint=endpoint, key=token)
            .select_related("dossier")
            .first()
        )
        if first is None:
            raise Repeated(None) from None
        pk = (first.response or {}).get("pk", first.dossier_id)
        raise Repeated(pk, first.dossier) from None
