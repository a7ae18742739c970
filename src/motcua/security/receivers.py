"""Audit receivers: sign-ins, permission changes and dossier actions; the session's second-factor
state is remembered at sign-in."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver

from motcua.dossiers.codes import is_provisional
from motcua.dossiers.models import DossierEvent
from motcua.organization.models import Membership

from . import policy
from .audit import record
from .models import AuditAction, RoleSecurityPolicy

User = get_user_model()

USER_FIELDS = ("is_active", "is_staff", "is_superuser")
MEMBERSHIP_FIELDS = ("user_id", "unit_id", "role", "valid_from", "valid_to")
POLICY_FIELDS = ("role", "require_2fa")


def _values(instance, fields) -> dict:
    return {f: _json(getattr(instance, f)) for f in fields}


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _changes(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


# --- sign-in ----------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="motcua.security.login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        policy.remember(request, user)
    if user.is_staff:
        record(action=AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="motcua.security.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None or not user.is_staff:
        return
    idle = getattr(request, "audit_logout_reason", "") == "idle"
    record(
        action=AuditAction.SESSION_EXPIRED if idle else AuditAction.LOGOUT,
        actor=user,
        request=request,
    )


@receiver(user_login_failed, dispatch_uid="motcua.security.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(
        action=AuditAction.LOGIN_FAILED,
        actor_name=username,
        request=request,
        detail="locked" if getattr(request, "axes_locked_out", False) else "",
    )


@receiver(user_locked_out, dispatch_uid="motcua.security.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(action=AuditAction.LOCKED_OUT, actor_name=str(username or "")[:150], request=request)


# --- permission changes -------------------------------------------------------------------------


def _remember_initial(fields):
    def handler(sender, instance, **kwargs):
        instance._audit_initial = _values(instance, fields) if instance.pk else {}

    return handler


_user_initial = _remember_initial(USER_FIELDS)
_membership_initial = _remember_initial(MEMBERSHIP_FIELDS)
_policy_initial = _remember_initial(POLICY_FIELDS)
post_init.connect(_user_initial, sender=User, dispatch_uid="motcua.security.user_init")
post_init.connect(
    _membership_initial, sender=Membership, dispatch_uid="motcua.security.membership_init"
)
post_init.connect(
    _policy_initial, sender=RoleSecurityPolicy, dispatch_uid="motcua.security.policy_init"
)


def _audit_save(instance, created: bool, fields, created_action, changed_action, *, skip=False):
    after = _values(instance, fields)
    if created:
        if not skip:
            record(action=created_action, obj=instance, new=after)
    else:
        old, new = _changes(getattr(instance, "_audit_initial", {}), after)
        if new:
            record(action=changed_action, obj=instance, old=old, new=new)
    instance._audit_initial = after


@receiver(post_save, sender=User, dispatch_uid="motcua.security.user_saved")
def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    # Citizens' accounts are created all day long; only staff accounts are permission events.
    skip = created and not (instance.is_staff or instance.is_superuser)
    _audit_save(
        instance,
        created,
        USER_FIELDS,
        AuditAction.USER_CREATED,
        AuditAction.USER_CHANGED,
        skip=skip,
    )


@receiver(post_delete, sender=User, dispatch_uid="motcua.security.user_deleted")
def _user_deleted(sender, instance, **kwargs):
    if instance.is_staff or instance.is_superuser:
        record(
            action=AuditAction.USER_DELETED,
            obj=instance,
            old={"username": instance.get_username(), **_values(instance, USER_FIELDS)},
        )


@receiver(post_save, sender=Membership, dispatch_uid="motcua.security.membership_saved")
def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _audit_save(
            instance,
            created,
            MEMBERSHIP_FIELDS,
            AuditAction.MEMBERSHIP_CREATED,
            AuditAction.MEMBERSHIP_CHANGED,
        )


@receiver(post_delete, sender=Membership, dispatch_uid="motcua.security.membership_deleted")
def _membership_deleted(sender, instance, **kwargs):
    record(
        action=AuditAction.MEMBERSHIP_DELETED,
        obj=instance,
        old=_values(instance, MEMBERSHIP_FIELDS),
    )


@receiver(post_save, sender=RoleSecurityPolicy, dispatch_uid="motcua.security.policy_saved")
def _policy_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _audit_save(
            instance, created, POLICY_FIELDS, AuditAction.POLICY_CHANGED, AuditAction.POLICY_CHANGED
        )


@receiver(post_delete, sender=RoleSecurityPolicy, dispatch_uid="motcua.security.policy_deleted")
def _policy_deleted(sender, instance, **kwargs):
    record(action=AuditAction.POLICY_CHANGED, obj=instance, old=_values(instance, POLICY_FIELDS))


def _m2m_audit(action_kind, field):
    def handler(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            pks = (
                set(getattr(instance, field).values_list("pk", flat=True)) if not reverse else set()
            )
            instance._audit_cleared = sorted(pks)
            return
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        users = [instance] if not reverse else list(User.objects.filter(pk__in=pk_set or ()))
        for user in users:
            if action == "post_clear":
                old, new = {field: getattr(instance, "_audit_cleared", [])}, {field: []}
            elif action == "post_add":
                old, new = (
                    None,
                    {f"{field}_added": sorted(pk_set if not reverse else [instance.pk])},
                )
            else:
                old, new = (
                    {f"{field}_removed": sorted(pk_set if not reverse else [instance.pk])},
                    None,
                )
            record(action=action_kind, obj=user, old=old, new=new)

    return handler


# Module-level names: signals hold their receivers by weak reference.
_groups_changed = _m2m_audit(AuditAction.GROUPS_CHANGED, "groups")
_permissions_changed = _m2m_audit(AuditAction.PERMISSIONS_CHANGED, "user_permissions")
m2m_changed.connect(
    _groups_changed, sender=User.groups.through, dispatch_uid="motcua.security.groups"
)
m2m_changed.connect(
    _permissions_changed,
    sender=User.user_permissions.through,
    dispatch_uid="motcua.security.permissions",
)


# --- dossier actions ----------------------------------------------------------------------------


@receiver(post_save, sender=DossierEvent, dispatch_uid="motcua.security.dossier_event")
def _dossier_event(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if is_provisional(instance.dossier.code):
        return  # a dossier being written: audited when numbered (dossiers.codes.code_issued)
    audit_dossier_event(instance)


def audit_dossier_event(instance) -> None:
    # The event already holds its actor object when a service wrote it: no extra query.
    actor = instance.actor if instance.actor_id else None
    record(
        action=AuditAction.DOSSIER_ACTION,
        actor=actor,
        actor_name="" if actor else (instance.actor_role or "system"),
        actor_from_request=False,
        detail=instance.action,
        object_type="dossiers.dossier",
        object_id=instance.dossier.code,
        old={"status": instance.from_status} if instance.from_status else None,
        new={
            "status": instance.to_status,
            "dossier": instance.dossier_id,
            "event": instance.pk,
            "seq": instance.seq,
            "unit": instance.actor_unit_id,
            "role": instance.actor_role,
        },
    )
