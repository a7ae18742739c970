"""Write audit rows. The request being served (if any) supplies the actor and the address."""

import contextlib
import contextvars

from .client import client_ip
from .models import AuditEntry

_current_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)
_batch: contextvars.ContextVar = contextvars.ContextVar("audit_batch", default=None)


def bind_request(request) -> contextvars.Token:
    return _current_request.set(request)


def unbind_request(token: contextvars.Token) -> None:
    _current_request.reset(token)


@contextlib.contextmanager
def batched():
    """Rows recorded inside the block are inserted together when it ends (one statement), in
    the order they were recorded; none if it ends with an error."""
    rows: list[AuditEntry] = []
    token = _batch.set(rows)
    try:
        yield
    finally:
        _batch.reset(token)
    if rows:
        AuditEntry.objects.bulk_create(rows)


def _request_actor(request):
    user = getattr(request, "user", None)
    # Only a user already loaded for this request: never add a session query to record a row.
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def record(
    *,
    action: str,
    actor=None,
    actor_name: str = "",
    request=None,
    detail: str = "",
    obj=None,
    object_type: str = "",
    object_id: str = "",
    old: dict | None = None,
    new: dict | None = None,
    actor_from_request: bool = True,
) -> AuditEntry:
    """Append one row; `actor` defaults to the signed-in user of the current request. Inside
    `batched()` the row is inserted when the block ends."""
    request = request if request is not None else _current_request.get()
    if actor is None and actor_from_request and request is not None:
        actor = _request_actor(request)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # Inside the caller's transaction: the row commits or rolls back with the change it records.
    entry = AuditEntry(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        actor_ip=client_ip(request) if request is not None else None,
        action=action,
        detail=detail[:60],
        object_type=object_type[:60],
        object_id=str(object_id)[:60],
        old=old,
        new=new,
    )
    rows = _batch.get()
    if rows is not None:
        rows.append(entry)  # inserted at the end of the `batched()` block
    else:
        entry.save(force_insert=True)
    return entry
