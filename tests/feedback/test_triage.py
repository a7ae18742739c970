"""Staff triage as services: who may act, which state allows what, and the history kept."""

import pytest
from django.db import DatabaseError, transaction

from motcua.core.errors import DomainError
from motcua.feedback import services
from motcua.feedback.models import FeedbackEvent

from .conftest import at

pytestmark = pytest.mark.django_db


def sent(unit_code="p-thu-vp", **extra):
    return services.send_feedback(
        name="Phạm Thị Dung",
        phone="0911222333",
        title="Rác thải tồn đọng",
        content="Rác tồn đọng tại đầu ngõ 8 nhiều ngày.",
        unit_code=unit_code,
        at=at(2026, 3, 2),
        **extra,
    )


def test_staff_of_the_unit_walk_it_from_acceptance_to_publication(staff):
    feedback = sent()
    officer = staff["vp_officer"]
    services.accept_feedback(actor=officer, code=feedback.code, at=at(2026, 3, 3))
    services.answer_feedback(
        actor=officer, code=feedback.code, answer="Đã thu gom.", at=at(2026, 3, 5)
    )
    done = services.publish_answer(actor=officer, code=feedback.code, at=at(2026, 3, 6))
    assert done.status == "published"
    actions = list(done.events.values_list("action", "from_status", "to_status"))
    assert actions == [
        ("send", "", "received"),
        ("accept", "received", "processing"),
        ("answer", "processing", "answered"),
        ("publish", "answered", "published"),
    ]


def test_staff_of_another_unit_cannot_triage_and_see_the_same_404(staff):
    feedback = sent()
    for action in (
        lambda a: services.accept_feedback(actor=a, code=feedback.code),
        lambda a: services.refuse_feedback(actor=a, code=feedback.code, reason="Không"),
        lambda a: services.answer_feedback(actor=a, code=feedback.code, answer="Trả lời"),
        lambda a: services.request_supplement(actor=a, code=feedback.code, request="Bổ sung"),
    ):
        for outsider in (staff["stranger"], staff["ktht_officer"]):
            with pytest.raises(DomainError) as refused:
                action(outsider)
            assert refused.value.status == 404
            assert refused.value.message == "Không tìm thấy phản ánh."
    feedback.refresh_from_db()
    assert feedback.status == "received"
    assert feedback.events.count() == 1


def test_a_leader_above_the_unit_may_act(staff):
    feedback = sent()
    done = services.accept_feedback(actor=staff["chairman"], code=feedback.code)
    assert done.status == "processing"


def test_an_anonymous_visitor_cannot_act(staff):
    from django.contrib.auth.models import AnonymousUser

    feedback = sent()
    with pytest.raises(DomainError):
        services.accept_feedback(actor=AnonymousUser(), code=feedback.code)


def test_refusal_needs_a_reason(staff):
    feedback = sent()
    with pytest.raises(DomainError) as refused:
        services.refuse_feedback(actor=staff["vp_officer"], code=feedback.code, reason="  ")
    assert refused.value.message == "Vui lòng nhập lý do không tiếp nhận."
    done = services.refuse_feedback(
        actor=staff["vp_officer"], code=feedback.code, reason="Không thuộc thẩm quyền."
    )
    assert done.status == "refused"
    assert done.refusal_reason == "Không thuộc thẩm quyền."


def test_forwarding_moves_it_and_the_first_unit_loses_access(tree, staff):
    feedback = sent()
    services.forward_feedback(
        actor=staff["vp_officer"], code=feedback.code, to_unit=tree["ktht"], note="Đúng chức năng"
    )
    feedback.refresh_from_db()
    assert feedback.unit == tree["ktht"]
    assert feedback.status == "received"
    event = feedback.events.last()
    assert (event.from_unit, event.to_unit) == (tree["vp"], tree["ktht"])
    with pytest.raises(DomainError):
        services.accept_feedback(actor=staff["vp_officer"], code=feedback.code)
    assert services.accept_feedback(actor=staff["ktht_officer"], code=feedback.code)


def test_forwarding_to_the_same_unit_is_refused(tree, staff):
    feedback = sent()
    with pytest.raises(DomainError) as refused:
        services.forward_feedback(actor=staff["vp_officer"], code=feedback.code, to_unit=tree["vp"])
    assert refused.value.code == "same_unit"


def test_closed_feedback_refuses_further_actions(staff):
    feedback = sent()
    officer = staff["vp_officer"]
    services.answer_feedback(actor=officer, code=feedback.code, answer="Đã xử lý.")
    for action in (
        lambda: services.accept_feedback(actor=officer, code=feedback.code),
        lambda: services.answer_feedback(actor=officer, code=feedback.code, answer="Lần 2"),
        lambda: services.refuse_feedback(actor=officer, code=feedback.code, reason="Lý do"),
    ):
        with pytest.raises(DomainError) as refused:
            action()
        assert refused.value.status == 409


def test_publishing_needs_the_senders_consent(staff):
    feedback = sent(allow_publish=False)
    services.answer_feedback(actor=staff["vp_officer"], code=feedback.code, answer="Đã xử lý.")
    with pytest.raises(DomainError) as refused:
        services.publish_answer(actor=staff["vp_officer"], code=feedback.code)
    assert refused.value.code == "publish_not_allowed"


def test_an_empty_answer_is_refused(staff):
    feedback = sent()
    with pytest.raises(DomainError) as refused:
        services.answer_feedback(actor=staff["vp_officer"], code=feedback.code, answer="")
    assert refused.value.message == "Vui lòng nhập nội dung trả lời."


def test_history_rows_cannot_be_changed_or_deleted(staff):
    feedback = sent()
    event = FeedbackEvent.objects.get(feedback=feedback)
    with pytest.raises(DatabaseError), transaction.atomic():
        FeedbackEvent.objects.filter(pk=event.pk).update(note="sửa")
    with pytest.raises(DatabaseError), transaction.atomic():
        FeedbackEvent.objects.filter(pk=event.pk).delete()


def test_feedback_without_a_subject_goes_to_the_top_peoples_committee(tree):
    feedback = sent(unit_code="")
    assert feedback.subject_kind == "general"
    assert feedback.unit.kind == "peoples_committee"


def test_codes_follow_a_daily_sequence(tree):
    first, second = sent(), sent()
    assert first.code == "PA-260302-0001"
    assert second.code == "PA-260302-0002"
