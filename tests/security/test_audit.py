import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction

from motcua.dossiers import services
from motcua.organization.models import Membership, Role
from motcua.security.models import AuditAction, AuditEntry, RoleSecurityPolicy
from tests.dossiers.factories import desk_dossier, make_world
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.security.conftest import sign_in

pytestmark = pytest.mark.django_db


def _last(action):
    return AuditEntry.objects.filter(action=action).order_by("-id").first()


def test_sign_in_sign_out_and_failures_are_logged_with_the_address(client, officer):
    sign_in(client, officer.username, "sai", REMOTE_ADDR="203.0.113.5")
    failed = _last(AuditAction.LOGIN_FAILED)
    assert failed.actor_name == officer.username and failed.actor_ip == "203.0.113.5"
    assert failed.actor_id is None
    sign_in(client, officer.username, REMOTE_ADDR="203.0.113.5")
    login = _last(AuditAction.LOGIN)
    assert login.actor == officer and login.actor_ip == "203.0.113.5"
    client.post("/can-bo/dang-xuat/")
    assert _last(AuditAction.LOGOUT).actor == officer


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(client, officer, settings):
    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.8"}
    sign_in(client, officer.username, "sai", **forwarded)
    assert _last(AuditAction.LOGIN_FAILED).actor_ip == "127.0.0.1"
    settings.SECURITY_TRUSTED_PROXIES = 1
    sign_in(client, officer.username, "sai", **forwarded)
    assert _last(AuditAction.LOGIN_FAILED).actor_ip == "203.0.113.8"


def test_membership_changes_record_old_and_new_values_and_who(client):
    admin = UserFactory(username="quantri", is_superuser=True)
    client.force_login(admin)
    membership = MembershipFactory(role=Role.SPECIALIST)
    created = _last(AuditAction.MEMBERSHIP_CREATED)
    assert created.object_id == str(membership.pk)
    assert created.new["role"] == Role.SPECIALIST

    other_unit = UnitFactory()
    response = client.post(
        f"/quan-tri/organization/membership/{membership.pk}/change/",
        {
            "user": membership.user_id,
            "unit": other_unit.pk,
            "role": Role.UNIT_LEADER,
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    changed = _last(AuditAction.MEMBERSHIP_CHANGED)
    assert changed.actor == admin
    assert changed.old == {"unit_id": membership.unit_id, "role": Role.SPECIALIST}
    assert changed.new == {"unit_id": other_unit.pk, "role": Role.UNIT_LEADER}

    Membership.objects.get(pk=membership.pk).delete()
    deleted = _last(AuditAction.MEMBERSHIP_DELETED)
    assert deleted.old["role"] == Role.UNIT_LEADER and deleted.new is None


def test_staff_flags_groups_and_policies_are_logged():
    user = UserFactory(username="canbo.moi")
    assert _last(AuditAction.USER_CREATED).object_id == str(user.pk)
    user.is_superuser = True
    user.save()
    assert _last(AuditAction.USER_CHANGED).new == {"is_superuser": True}
    user.last_name = "Trần"
    user.save()
    assert AuditEntry.objects.filter(action=AuditAction.USER_CHANGED).count() == 1

    group = Group.objects.create(name="Văn thư")
    user.groups.add(group)
    assert _last(AuditAction.GROUPS_CHANGED).new == {"groups_added": [group.pk]}
    user.groups.clear()
    assert _last(AuditAction.GROUPS_CHANGED).old == {"groups": [group.pk]}

    policy = RoleSecurityPolicy.objects.create(role=Role.CLERK, require_2fa=False)
    policy.require_2fa = True
    policy.save()
    assert _last(AuditAction.POLICY_CHANGED).new == {"require_2fa": True}


def test_every_dossier_action_is_logged_with_actor_and_status_change():
    world = make_world()
    dossier = desk_dossier(world)
    services.assign_dossier(actor=world.officer, dossier=dossier)
    rows = list(
        AuditEntry.objects.filter(
            action=AuditAction.DOSSIER_ACTION, object_id=dossier.code
        ).order_by("id")
    )
    events = list(dossier.events.order_by("seq"))
    assert len(rows) == len(events) >= 2
    last = rows[-1]
    assert last.actor == world.officer
    assert last.detail == events[-1].action
    assert last.old == {"status": events[-1].from_status}
    assert last.new["status"] == events[-1].to_status
    assert last.new["event"] == events[-1].pk


@pytest.mark.parametrize("statement", ["UPDATE {t} SET action = 'x'", "DELETE FROM {t}"])
def test_the_database_refuses_to_change_or_delete_audit_rows(statement):
    UserFactory(username="canbo.moi")
    assert AuditEntry.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(t=AuditEntry._meta.db_table))
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(detail="sửa")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(detail="sửa").count() == 0


def test_the_admin_lists_the_log_read_only(client):
    admin = UserFactory(username="quantri", is_superuser=True)
    client.force_login(admin)
    entry = AuditEntry.objects.first()
    listing = client.get("/quan-tri/security/auditentry/")
    assert listing.status_code == 200
    assert "quantri" in listing.content.decode()
    assert client.get("/quan-tri/security/auditentry/add/").status_code == 403
    assert client.post(f"/quan-tri/security/auditentry/{entry.pk}/delete/").status_code == 403


def test_staff_without_the_permission_cannot_read_the_log(client, officer):
    client.force_login(officer)
    assert client.get("/quan-tri/security/auditentry/").status_code in {302, 403}
