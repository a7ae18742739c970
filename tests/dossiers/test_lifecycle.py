"""The lifecycle table drives both the server's refusals and the buttons: every action from
every state, and every kind of actor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from motcua.core.errors import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.lifecycle import (
    ACTIONS,
    RESUME,
    SYSTEM_ACTOR,
    TRANSITIONS,
    Citizen,
    allowed_actions,
)
from motcua.dossiers.models import (
    STATUS_CODES,
    Dossier,
    DossierEvent,
    DossierStep,
    Status,
    SupplementRequest,
)
from tests.dossiers.factories import dossier_in, local

ACT_AT = local(2026, 3, 3, 10, 0)  # Tuesday, before every due date of the built dossiers

CALLS = {
    "receive": lambda w, d, a: services.receive_dossier(actor=a, dossier=d, at=ACT_AT),
    "refuse": lambda w, d, a: services.refuse_dossier(
        actor=a, dossier=d, reason="Hồ sơ không thuộc thẩm quyền", at=ACT_AT
    ),
    "request_supplement": lambda w, d, a: services.request_supplement(
        actor=a, dossier=d, items=["Bản vẽ mặt cắt"], reason="Thiếu bản vẽ", at=ACT_AT
    ),
    "submit_supplement": lambda w, d, a: services.submit_supplement(actor=a, dossier=d, at=ACT_AT),
    "assign": lambda w, d, a: services.assign_dossier(
        actor=a, dossier=d, assignee=w.specialist, at=ACT_AT
    ),
    "hand_over": lambda w, d, a: services.hand_over(actor=a, dossier=d, at=ACT_AT),
    "request_payment": lambda w, d, a: services.request_payment(
        actor=a, dossier=d, amount=75000, at=ACT_AT
    ),
    "record_payment": lambda w, d, a: services.record_payment(
        actor=a, dossier=d, amount=75000, receipt_number="BL-000123", at=ACT_AT
    ),
    "apologise": lambda w, d, a: services.apologise(
        actor=a,
        dossier=d,
        new_appointment_at=local(2026, 3, 12, 17),
        reason="Cần xác minh thực địa",
        at=ACT_AT,
    ),
    "resolve": lambda w, d, a: services.resolve_dossier(
        actor=a, dossier=d, granted=True, result_number="15/GPXD", at=ACT_AT
    ),
    "return_result": lambda w, d, a: services.return_result(actor=a, dossier=d, at=ACT_AT),
    "withdraw": lambda w, d, a: services.withdraw_dossier(
        actor=a, dossier=d, reason="Công dân có đơn xin rút", at=ACT_AT
    ),
    "stop": lambda w, d, a: services.stop_dossier(
        actor=a, dossier=d, reason="Có tranh chấp đất đai", at=ACT_AT
    ),
}
STATES = [
    "submitted",
    "received",
    "refused",
    "processing",
    "supplement_requested",
    "supplement_requested_intake",
    "awaiting_payment",
    "withdrawn",
    "stopped",
    "resolved",
    "returned",
]
GRID_ACTIONS = [a for a in ACTIONS if a != "submit"]


def test_every_action_has_a_call_and_a_transition():
    assert set(CALLS) == set(GRID_ACTIONS)
    assert {action for (_state, action) in TRANSITIONS} == set(ACTIONS)


def _written(dossier):
    return (
        DossierEvent.objects.filter(dossier=dossier).count(),
        DossierStep.objects.filter(dossier=dossier).count(),
        SupplementRequest.objects.filter(dossier=dossier).count(),
        dossier.parts.count(),
    )


@pytest.mark.parametrize("action", GRID_ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_action_from_state_follows_the_table(world, state, action):
    dossier = dossier_in(state, world)
    status = dossier.status
    before = _written(dossier)
    transition = TRANSITIONS.get((status, action))
    guarded = transition and transition.guard and transition.guard(dossier, ACT_AT)
    if guarded:
        with pytest.raises(DomainError) as refused:
            CALLS[action](world, dossier, world.omni)
        assert (refused.value.code, refused.value.message) == (f"{action}_refused", guarded)
        assert _written(Dossier.objects.get(pk=dossier.pk)) == before
        return
    if transition is None:
        with pytest.raises(DomainError) as refused:
            CALLS[action](world, dossier, world.omni)
        assert refused.value.code in {"invalid_transition", "terminal"}
        assert refused.value.status == 409
        assert "Không thể" in refused.value.message or "đã kết thúc" in refused.value.message
        after = Dossier.objects.get(pk=dossier.pk)
        assert after.status == status
        assert _written(after) == before
        return
    CALLS[action](world, dossier, world.omni)
    after = Dossier.objects.get(pk=dossier.pk)
    expected = transition.to
    if expected == RESUME:
        expected = Status.SUBMITTED if state.endswith("_intake") else Status.PROCESSING
    assert after.status == expected
    assert after.status_code == STATUS_CODES[expected]
    event = after.events.order_by("-seq").first()
    assert event.seq == before[0] + 1
    assert (event.action, event.from_status, event.to_status) == (action, status, expected)
    assert event.actor == world.omni
    assert event.actor_unit is not None
    assert event.at == ACT_AT
    assert event.slip == transition.slip


REFUSALS = {"forbidden", "login_required", "invalid_transition", "terminal"}
ACTORS = [
    "officer",
    "other_officer",
    "specialist",
    "leader",
    "agency_leader",
    "clerk",
    "citizen",
    "stranger_citizen",
    "anonymous",
]


def _actor(world, name):
    if name == "anonymous":
        return AnonymousUser()
    if name == "stranger_citizen":
        return Citizen(phone="0987000111")
    return getattr(world, name)


@pytest.mark.parametrize("name", ACTORS)
@pytest.mark.parametrize("state", [*STATES, "at_committee"])
def test_buttons_and_server_never_disagree(world, state, name):
    dossier = dossier_in(state, world)
    actor = _actor(world, name)
    shown = allowed_actions(dossier, actor, at=ACT_AT)
    for action in GRID_ACTIONS:
        savepoint = transaction.savepoint_create()
        try:
            CALLS[action](world, Dossier.objects.get(pk=dossier.pk), actor)
            done = True
        except DomainError as error:
            # Refused by role or state; anything else is a form error on an offered button.
            done = not (error.code in REFUSALS or error.code.endswith("_refused"))
        finally:
            transaction.savepoint_rollback(savepoint)
        assert done == (action in shown), (state, name, action)


def test_one_stop_actions_need_the_receiving_unit(world):
    dossier = dossier_in("submitted", world)
    with pytest.raises(PermissionDenied) as refused:
        services.receive_dossier(actor=world.other_officer, dossier=dossier, at=ACT_AT)
    assert refused.value.message == "Bạn không có quyền tiếp nhận hồ sơ đối với hồ sơ này."
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_specialist_actions_need_the_current_steps_unit(world):
    dossier = dossier_in("at_committee", world)  # now at the people's committee
    with pytest.raises(PermissionDenied):
        services.hand_over(actor=world.specialist, dossier=dossier, to_unit_code="phong-qldt")
    assert allowed_actions(dossier, world.specialist, at=ACT_AT) == []
    assert "resolve" in allowed_actions(dossier, world.clerk, at=ACT_AT)


def test_wrong_role_in_the_right_unit_is_refused(world):
    dossier = dossier_in("processing", world)
    with pytest.raises(PermissionDenied) as refused:
        services.stop_dossier(actor=world.specialist, dossier=dossier, reason="Tranh chấp")
    assert refused.value.code == "forbidden"
    with pytest.raises(PermissionDenied):
        services.resolve_dossier(actor=world.leader, dossier=dossier, granted=True)
    assert DossierEvent.objects.filter(dossier=dossier).count() == 3


def test_anonymous_is_asked_to_sign_in(world):
    dossier = dossier_in("submitted", world)
    for actor in (AnonymousUser(), None):
        with pytest.raises(PermissionDenied) as refused:
            services.receive_dossier(actor=actor, dossier=dossier, at=ACT_AT)
        assert refused.value.message == "Bạn cần đăng nhập để thực hiện thao tác này."
    assert allowed_actions(dossier, AnonymousUser(), at=ACT_AT) == []


def test_citizen_acts_only_on_own_dossier(world):
    dossier = dossier_in("submitted", world)
    with pytest.raises(PermissionDenied):
        services.withdraw_dossier(actor=Citizen(phone="0900000000"), dossier=dossier)
    done = services.withdraw_dossier(
        actor=Citizen(phone="0912 345 678"), dossier=dossier, reason="Nộp nhầm", at=ACT_AT
    )
    assert done.status == Status.WITHDRAWN
    event = done.events.order_by("-seq").first()
    assert (event.actor, event.actor_unit, event.actor_role) == (None, None, "citizen")


def test_system_actor_confirms_gateway_payments(world):
    dossier = dossier_in("awaiting_payment", world)
    assert allowed_actions(dossier, SYSTEM_ACTOR, at=ACT_AT) == ["record_payment"]
    done = services.record_payment(
        actor=SYSTEM_ACTOR,
        dossier=dossier,
        amount=75000,
        receipt_number="EBL-2026-000045",
        paid_online=1,
        at=ACT_AT,
    )
    assert (done.status, done.paid_online, done.paid_amount) == (Status.PROCESSING, 1, 75000)
    assert done.events.order_by("-seq").first().actor_role == "system"


def test_superuser_without_membership_may_read_but_not_act(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.vn", "x-x-x-x-x-9")
    dossier = dossier_in("submitted", world)
    assert services.access_dossier(root, dossier.code) == dossier
    assert allowed_actions(dossier, root, at=ACT_AT) == []
    with pytest.raises(PermissionDenied):
        services.receive_dossier(actor=root, dossier=dossier, at=ACT_AT)
