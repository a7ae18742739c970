"""The rules each dossier service enforces, with the refusals a user would see."""

import datetime as dt

import pytest

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import services
from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    Outcome,
    Regime,
    Status,
    SupplementPhase,
)
from tests.dossiers.factories import (
    APPLICANT,
    desk_dossier,
    dossier_in,
    local,
    make_world,
    online_dossier,
)


def _events(dossier):
    return list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("seq")
        .values_list("action", "from_status", "to_status")
    )


# --- receipt ----------------------------------------------------------------------------------


def test_desk_receipt_writes_two_events_and_starts_the_clock(world):
    dossier = desk_dossier(world, at=local(2026, 3, 10, 10, 0), applicant={**APPLICANT})
    assert _events(dossier) == [
        ("submit", "", "submitted"),
        ("receive", "submitted", "received"),
    ]
    assert dossier.status_code == 2
    assert dossier.regime == Regime.R2025
    assert dossier.received_at == local(2026, 3, 10, 10, 0)
    assert dossier.clock_start_at == local(2026, 3, 10, 10, 0)
    # 5 committed days from Tue 10:00: Tue 360, Wed–Mon 4 days, Tue 08:00+120.
    assert dossier.due_at == local(2026, 3, 17, 10, 0)
    assert dossier.appointment_at == dossier.due_at
    assert dossier.parts.count() == 2
    receipt = dossier.events.get(action="receive")
    assert (receipt.actor, receipt.actor_unit, receipt.slip) == (
        world.officer,
        world.desk,
        "receipt_slip",
    )


def test_missing_required_parts_refuse_the_receipt_and_write_nothing(world):
    with pytest.raises(DomainError) as refused:
        services.receive_at_desk(
            actor=world.officer,
            procedure_code=world.version.procedure.code,
            unit_code=world.desk.code,
            channel=1,
            applicant=APPLICANT,
            parts_received=[world.parts[0].pk],
            received_at=local(2026, 3, 10, 10),
        )
    assert refused.value.code == "parts_missing"
    assert refused.value.message == ("Hồ sơ chưa đủ thành phần bắt buộc: Bản vẽ thiết kế xây dựng.")
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()


def test_applicant_text_is_normalised_and_folded_for_search(world):
    decomposed = "Tr\u1ea7n Va\u0306n Bi\u0300nh"  # NFD pieces
    dossier = desk_dossier(
        world, applicant={**APPLICANT, "name": f"  {decomposed} ", "phone": "0912.345.678"}
    )
    assert dossier.applicant_name == "Trần Văn Bình"
    assert dossier.applicant_search == "tran van binh"
    assert dossier.applicant_phone == "0912345678"


@pytest.mark.parametrize(
    ("applicant", "code"),
    [
        ({"name": "  "}, "applicant_name"),
        ({"name": "A", "phone": "12ab"}, "applicant_phone"),
        ({"name": "A", "email": "không-phải-email"}, "applicant_email"),
        ({"name": "A", "kind": "robot"}, "applicant_kind"),
        ({"name": "A", "password": "x"}, "applicant"),
    ],
)
def test_bad_applicant_data_is_refused(world, applicant, code):
    with pytest.raises(DomainError) as refused:
        desk_dossier(world, applicant=applicant)
    assert refused.value.code == code
    assert not Dossier.objects.exists()


def test_online_submission_needs_a_phone_and_an_online_procedure(world):
    with pytest.raises(DomainError) as refused:
        services.submit_dossier(
            actor=Citizen(),
            procedure_code=world.version.procedure.code,
            unit_code=world.desk.code,
            channel=2,
            applicant={"name": "Lê Văn Tám"},
        )
    assert refused.value.message == "Phải nhập số điện thoại để tra cứu hồ sơ."
    world.version.online_service = "none"
    world.version.save()
    with pytest.raises(DomainError) as refused:
        online_dossier(world)
    assert refused.value.code == "not_online"


def test_officer_cannot_submit_for_another_desk(world):
    with pytest.raises(DomainError) as refused:
        services.receive_at_desk(
            actor=world.other_officer,
            procedure_code=world.version.procedure.code,
            unit_code=world.desk.code,
            channel=1,
            applicant=APPLICANT,
            parts_received=[p.pk for p in world.parts],
        )
    assert refused.value.code == "forbidden"


def test_receipt_after_cutoff_starts_next_working_day(db):
    """DOMAIN §6.7 example 2: Wed 11/03/2026 16:10, cut-off 15:00, 2 days → Fri 17:00."""
    world = make_world(committed_days=2, cutoff=dt.time(15, 0))
    dossier = desk_dossier(world, at=local(2026, 3, 11, 16, 10))
    assert dossier.clock_start_at == local(2026, 3, 12, 8, 0)
    assert dossier.due_at == local(2026, 3, 13, 17, 0)


def test_same_day_procedure_is_due_at_closing(db):
    world = make_world(committed_days=1, same_day=True)
    dossier = desk_dossier(world, at=local(2026, 3, 9, 10, 30))
    assert dossier.due_at == local(2026, 3, 9, 17, 0)


def test_regime_is_fixed_by_receipt_date(world):
    old = desk_dossier(world, at=local(2025, 6, 30, 16, 0))
    new = desk_dossier(world, at=local(2025, 7, 1, 8, 0))
    assert (old.regime, new.regime) == (Regime.R2018, Regime.R2025)


# --- refusal, stop, resolution reasons --------------------------------------------------------


def test_refusal_needs_a_reason(world):
    dossier = online_dossier(world)
    with pytest.raises(DomainError) as refused:
        services.refuse_dossier(actor=world.officer, dossier=dossier, reason="   ")
    assert refused.value.message == "Phải nêu lý do từ chối tiếp nhận."
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED
    done = services.refuse_dossier(actor=world.officer, dossier=dossier, reason="Sai thẩm quyền")
    assert (done.status_code, done.closing_reason) == (3, "Sai thẩm quyền")
    assert done.events.order_by("-seq").first().slip == "refusal_slip"


def test_stop_needs_a_reason(world):
    dossier = dossier_in("processing", world)
    with pytest.raises(DomainError) as refused:
        services.stop_dossier(actor=world.leader, dossier=dossier, reason="")
    assert refused.value.message == "Phải nêu lý do dừng xử lý hồ sơ."
    assert len(_events(dossier)) == 3


def test_not_granted_needs_a_reason(world):
    dossier = dossier_in("at_committee", world)
    with pytest.raises(DomainError) as refused:
        services.resolve_dossier(actor=world.agency_leader, dossier=dossier, granted=False)
    assert refused.value.message == "Phải nêu lý do không giải quyết."
    done = services.resolve_dossier(
        actor=world.agency_leader,
        dossier=dossier,
        granted=False,
        reason="Công trình nằm trong chỉ giới quy hoạch",
        at=local(2026, 3, 3, 9),
    )
    assert (done.status, done.granted, done.outcome) == (Status.RESOLVED, False, Outcome.EARLY)
    assert done.finished_at == local(2026, 3, 3, 9)


# --- supplements ------------------------------------------------------------------------------


def test_intake_supplement_must_list_items(world):
    dossier = online_dossier(world)
    with pytest.raises(DomainError) as refused:
        services.request_supplement(actor=world.officer, dossier=dossier, items=["", "  "])
    assert refused.value.code == "items_required"
    request = services.request_supplement(
        actor=world.officer,
        dossier=dossier,
        items=["Bản vẽ thiết kế xây dựng", "Giấy chứng nhận quyền sử dụng đất"],
        at=local(2026, 3, 2, 10),
    )
    assert request.phase == SupplementPhase.INTAKE
    back = services.submit_supplement(actor=world.citizen, dossier=dossier, at=local(2026, 3, 3, 9))
    assert back.status == Status.SUBMITTED
    assert back.visit_count == 0  # sent online, no trip to the desk


def test_processing_supplement_only_once(world):
    dossier = dossier_in("supplement_requested", world)
    dossier = services.submit_supplement(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 3, 9)
    )
    assert dossier.status == Status.PROCESSING
    assert dossier.visit_count == 1
    with pytest.raises(DomainError) as refused:
        services.request_supplement(
            actor=world.specialist, dossier=dossier, items=["Bản vẽ"], at=local(2026, 3, 3, 10)
        )
    assert refused.value.message == (
        "Hồ sơ đã được yêu cầu bổ sung một lần trong quá trình giải quyết."
    )
    assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING


def test_supplement_pauses_the_clock_example_12(db):
    """DOMAIN §6.7 example 12: paused 1290 minutes, due Wed 11/03/2026 15:30."""
    world = make_world(committed_days=5)
    dossier = desk_dossier(world, at=local(2026, 3, 2, 9, 0))
    assert dossier.due_at == local(2026, 3, 9, 9, 0)
    dossier = services.assign_dossier(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 2, 9, 30)
    )
    step_due = dossier.current_step.due_at
    services.request_supplement(
        actor=world.specialist, dossier=dossier, items=["Bản vẽ móng"], at=local(2026, 3, 4, 14)
    )
    paused = Dossier.objects.get(pk=dossier.pk)
    assert paused.paused_since == local(2026, 3, 4, 14)
    assert paused.due_at == local(2026, 3, 9, 9, 0)
    done = services.submit_supplement(
        actor=world.officer, dossier=paused, at=local(2026, 3, 9, 10, 30)
    )
    assert done.paused_minutes == 1290
    assert done.due_at == local(2026, 3, 11, 15, 30)
    assert done.appointment_at == done.due_at
    assert done.paused_since is None
    event = done.events.order_by("-seq").first()
    assert event.data["pause"]["minutes"] == 1290
    step = type(done.current_step).objects.get(pk=done.current_step_id)
    assert step.paused_minutes == 1290 and step.due_at > step_due
    assert done.supplements.get().fulfilled_at == local(2026, 3, 9, 10, 30)


# --- apology and outcome ----------------------------------------------------------------------


def _due_fri_13(world):
    """A dossier due Fri 13/03/2026 10:00 (3 days from Tue 10/03 10:00), in processing."""
    world.version.committed_minutes = 3 * 480
    world.version.save()
    dossier = desk_dossier(world, at=local(2026, 3, 10, 10, 0))
    assert dossier.due_at == local(2026, 3, 13, 10, 0)
    dossier = services.assign_dossier(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 10, 11)
    )
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=local(2026, 3, 11, 9))
    return services.hand_over(actor=world.leader, dossier=dossier, at=local(2026, 3, 11, 10))


def test_apology_example_14_keeps_measuring_against_due(world):
    dossier = _due_fri_13(world)
    dossier = services.apologise(
        actor=world.agency_leader,
        dossier=dossier,
        new_appointment_at=local(2026, 3, 17, 17, 0),
        reason="Cần lấy ý kiến cơ quan quản lý quy hoạch",
        at=local(2026, 3, 12, 9),
    )
    assert dossier.appointment_at == local(2026, 3, 17, 17, 0)
    assert dossier.due_at == local(2026, 3, 13, 10, 0)
    with pytest.raises(DomainError) as refused:
        services.apologise(
            actor=world.agency_leader,
            dossier=dossier,
            new_appointment_at=local(2026, 3, 18, 17, 0),
            reason="Lần hai",
            at=local(2026, 3, 12, 10),
        )
    assert refused.value.message == "Hồ sơ đã có phiếu xin lỗi; mỗi hồ sơ chỉ được xin lỗi một lần."
    done = services.resolve_dossier(
        actor=world.agency_leader,
        dossier=dossier,
        granted=True,
        result_number="88/GPXD",
        at=local(2026, 3, 16, 11, 0),
    )
    assert done.outcome == Outcome.LATE
    assert done.finished_at <= done.appointment_at


def test_apology_on_the_due_date_is_refused(world):
    dossier = _due_fri_13(world)
    with pytest.raises(DomainError) as refused:
        services.apologise(
            actor=world.agency_leader,
            dossier=dossier,
            new_appointment_at=local(2026, 3, 17, 17),
            reason="Chậm",
            at=local(2026, 3, 13, 8, 0),
        )
    assert (
        refused.value.message == "Phiếu xin lỗi phải được ban hành trước ngày hết hạn 13/03/2026."
    )


@pytest.mark.parametrize(
    ("new_appointment_at", "message"),
    [
        (
            local(2026, 3, 21, 9),  # a Saturday
            "Ngày hẹn mới 21/03/2026 không phải ngày làm việc của nơi trả kết quả.",
        ),
        (
            local(2026, 3, 17, 20),
            "Giờ hẹn mới phải trong giờ làm việc, từ 08:00 đến 17:00.",
        ),
    ],
)
def test_apology_new_appointment_is_in_office_hours(world, new_appointment_at, message):
    dossier = _due_fri_13(world)
    with pytest.raises(DomainError) as refused:
        services.apologise(
            actor=world.agency_leader, dossier=dossier, new_appointment_at=new_appointment_at,
            reason="Chậm", at=local(2026, 3, 11, 11),
        )  # fmt: skip
    assert refused.value.message == message
    assert Dossier.objects.get(pk=dossier.pk).apologised_at is None


def test_apology_new_date_must_be_after_due(world):
    dossier = _due_fri_13(world)
    with pytest.raises(DomainError) as refused:
        services.apologise(
            actor=world.agency_leader,
            dossier=dossier,
            new_appointment_at=local(2026, 3, 13, 9),
            reason="Chậm",
            at=local(2026, 3, 11, 11),
        )
    assert refused.value.message == "Ngày hẹn mới phải sau hạn giải quyết 10:00 13/03/2026."
    with pytest.raises(DomainError) as refused:
        services.apologise(
            actor=world.agency_leader, dossier=dossier, new_appointment_at=local(2026, 3, 17, 9),
            reason=" ", at=local(2026, 3, 11, 11),
        )  # fmt: skip
    assert refused.value.code == "reason_required"
    assert Dossier.objects.get(pk=dossier.pk).apologised_at is None


@pytest.mark.parametrize(
    ("finished", "outcome"),
    [
        (local(2026, 3, 10, 16, 0), Outcome.EARLY),
        (local(2026, 3, 11, 15, 0), Outcome.ON_TIME),
        (local(2026, 3, 11, 15, 30), Outcome.ON_TIME),
        (local(2026, 3, 11, 16, 0), Outcome.LATE),
    ],
)
def test_outcome_classes_example_13(world, finished, outcome):
    """Due Wed 11/03/2026 15:30 (3 days from Fri 06/03 15:30)."""
    world.version.committed_minutes = 3 * 480
    world.version.save()
    dossier = desk_dossier(world, at=local(2026, 3, 6, 15, 30))
    assert dossier.due_at == local(2026, 3, 11, 15, 30)
    dossier = services.assign_dossier(actor=world.officer, dossier=dossier, at=local(2026, 3, 9, 8))
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=local(2026, 3, 9, 9))
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=local(2026, 3, 9, 10))
    done = services.resolve_dossier(
        actor=world.clerk, dossier=dossier, granted=True, result_number="1/GP", at=finished
    )
    assert (done.outcome, done.finished_at, done.result_date) == (
        outcome,
        finished,
        finished.date(),
    )


# --- steps and hand-over ----------------------------------------------------------------------


def test_hand_over_closes_the_step_and_opens_the_next(world):
    dossier = desk_dossier(world, at=local(2026, 3, 2, 9, 0))
    dossier = services.assign_dossier(
        actor=world.officer, dossier=dossier, assignee=world.specialist, at=local(2026, 3, 2, 9, 30)
    )
    first = dossier.current_step
    assert (first.order, first.unit, first.holder, first.giver_unit) == (
        1,
        world.department,
        world.specialist,
        world.desk,
    )
    assert first.due_at == local(2026, 3, 5, 9, 0)  # 3 days from the clock start
    dossier = services.hand_over(
        actor=world.specialist, dossier=dossier, assignee=world.leader, at=local(2026, 3, 5, 10)
    )
    first.refresh_from_db()
    assert (first.ended_at, first.outcome) == (local(2026, 3, 5, 10), Outcome.LATE)
    second = dossier.current_step
    assert (second.order, second.holder, second.giver) == (2, world.leader, world.specialist)
    assert second.due_at == local(2026, 3, 6, 10, 0)
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=local(2026, 3, 5, 15))
    assert dossier.current_unit == world.committee
    second.refresh_from_db()
    assert second.outcome == Outcome.EARLY
    hand_overs = dossier.events.filter(action="hand_over")
    assert [e.slip for e in hand_overs] == ["control_slip", "control_slip"]


def test_hand_over_to_another_unit_and_past_the_last_step(world):
    dossier = dossier_in("at_committee", world)
    with pytest.raises(DomainError) as refused:
        services.hand_over(actor=world.agency_leader, dossier=dossier, at=local(2026, 3, 3, 9))
    assert refused.value.code == "last_step"
    dossier = services.hand_over(
        actor=world.agency_leader,
        dossier=dossier,
        to_unit_code=world.department.code,
        at=local(2026, 3, 3, 9),
    )
    step = dossier.current_step
    assert (step.order, step.unit, step.due_at) == (4, world.department, dossier.due_at)


def test_assignee_must_belong_to_the_unit(world):
    dossier = dossier_in("processing", world)
    with pytest.raises(DomainError) as refused:
        services.assign_dossier(actor=world.leader, dossier=dossier, assignee=world.officer)
    assert refused.value.message == "Người được giao không thuộc Phòng Quản lý đô thị."
    done = services.assign_dossier(actor=world.leader, dossier=dossier, assignee=world.specialist)
    assert done.assignee == world.specialist
    assert done.current_step.holder == world.specialist


# --- payment, return, withdrawal --------------------------------------------------------------


def test_payment_cycle_and_amount_checks(world):
    dossier = dossier_in("processing", world)
    with pytest.raises(DomainError):
        services.request_payment(actor=world.specialist, dossier=dossier, amount=0)
    dossier = services.request_payment(
        actor=world.specialist, dossier=dossier, amount=1250000, at=local(2026, 3, 3, 9)
    )
    assert (dossier.status_code, dossier.fee_amount, dossier.paused_since) == (6, 1250000, None)
    with pytest.raises(DomainError) as refused:
        services.record_payment(
            actor=world.officer, dossier=dossier, amount=75000, receipt_number="BL-1"
        )
    assert refused.value.message == (
        "Số tiền đã nộp (75.000 đ) khác số tiền phải nộp (1.250.000 đ)."
    )
    with pytest.raises(DomainError):
        services.record_payment(
            actor=world.officer, dossier=dossier, amount=1250000, receipt_number=" "
        )
    done = services.record_payment(
        actor=world.officer,
        dossier=dossier,
        amount=1250000,
        receipt_number="0001234",
        at=local(2026, 3, 3, 10),
    )
    assert (done.status, done.paid_amount, done.payment_receipt_number) == (
        Status.PROCESSING,
        1250000,
        "0001234",
    )


def test_payment_pauses_when_the_procedure_says_so(db):
    world = make_world(pause_on_payment=True)
    dossier = dossier_in("processing", world)  # due Mon 09/03/2026 09:00
    dossier = services.request_payment(
        actor=world.specialist, dossier=dossier, amount=75000, at=local(2026, 3, 3, 9)
    )
    assert dossier.paused_since == local(2026, 3, 3, 9)
    done = services.record_payment(
        actor=world.officer,
        dossier=dossier,
        amount=75000,
        receipt_number="BL-77",
        at=local(2026, 3, 3, 11),
    )
    assert (done.paused_minutes, done.due_at) == (120, local(2026, 3, 9, 11, 0))


def test_return_and_terminal_states_accept_nothing(world):
    dossier = dossier_in("resolved", world)
    with pytest.raises(DomainError):
        services.return_result(actor=world.officer, dossier=dossier, method="pigeon")
    done = services.return_result(
        actor=world.officer, dossier=dossier, method="post", at=local(2026, 3, 3, 8)
    )
    assert (done.status_code, done.returned_at, done.return_method) == (
        10,
        local(2026, 3, 3, 8),
        "post",
    )
    with pytest.raises(DomainError) as refused:
        services.withdraw_dossier(actor=world.officer, dossier=done, reason="muộn")
    assert refused.value.message == "Hồ sơ đã kết thúc (Đã trả kết quả), không thể rút hồ sơ."


def test_a_result_without_an_electronic_copy_cannot_be_returned_online(world):
    dossier = dossier_in("resolved", world)
    assert not dossier.result_file
    with pytest.raises(DomainError) as refused:
        services.return_result(actor=world.officer, dossier=dossier, method="electronic")
    assert refused.value.message.startswith("Hồ sơ chưa có kết quả điện tử")
    assert Dossier.objects.get(pk=dossier.pk).status == "resolved"
    Dossier.objects.filter(pk=dossier.pk).update(result_file="results/ket-qua.pdf")
    dossier.refresh_from_db()
    done = services.return_result(actor=world.officer, dossier=dossier, method="electronic")
    assert done.return_method == "electronic"


def test_withdrawal_during_a_pause_ends_the_pause(world):
    dossier = dossier_in("supplement_requested", world)  # paused since Mon 02/03 10:00
    done = services.withdraw_dossier(
        actor=world.citizen, dossier=dossier, reason="Không xây nữa", at=local(2026, 3, 3, 10)
    )
    assert done.status_code == 7
    assert done.paused_since is None
    assert done.paused_minutes == 480
    assert done.due_at == local(2026, 3, 10, 9, 0)
    assert done.outcome == Outcome.EARLY
    assert done.current_step.ended_at == local(2026, 3, 3, 10)


# --- access -----------------------------------------------------------------------------------


def test_access_answers_the_same_404_for_missing_and_not_yours(world):
    dossier = dossier_in("received", world)
    assert services.access_dossier(world.officer, dossier.code) == dossier
    for actor, code in [
        (world.officer, "000.22.27.H26-260302-9999"),
        (world.other_officer, dossier.code),
        (world.specialist, dossier.code),  # not yet transferred to the department
        (Citizen(phone="0999999999"), dossier.code),
    ]:
        with pytest.raises(NotFound) as missing:
            services.access_dossier(actor, code)
        assert (missing.value.status, missing.value.message) == (404, "Không tìm thấy hồ sơ.")
    assert services.access_dossier(Citizen(phone="0912345678"), dossier.code) == dossier


def test_access_follows_the_dossier_through_units(world):
    dossier = dossier_in("at_committee", world)
    for user in (world.specialist, world.clerk, world.officer):
        assert services.access_dossier(user, dossier.code) == dossier
    with pytest.raises(NotFound):
        services.access_dossier(world.other_officer, dossier.code)
