"""Dossiers driven through the real services, one per outcome class, with known instants.

A dossier received at the desk on Monday 02/03/2026 09:00 (5 working days committed) is due
Monday 09/03/2026 09:00 (DOMAIN §6.7 example 12).
"""

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.factories import desk_dossier, local, online_dossier

DUE = local(2026, 3, 9, 9, 0)


def processing(world, *, at=None):
    received_at = at or local(2026, 3, 2, 9, 0)
    dossier = desk_dossier(world, at=received_at)
    return services.assign_dossier(actor=world.officer, dossier=dossier, at=received_at)


def resolved(world, finish, *, at=None, granted=True):
    dossier = processing(world, at=at)
    start = dossier.received_at
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=start)
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=start)
    return services.resolve_dossier(
        actor=world.agency_leader,
        dossier=dossier,
        granted=granted,
        reason="" if granted else "Không đủ điều kiện",
        e_result=True,
        result_file="ket-qua/ket-qua.pdf",
        at=finish,
    )


def refused(world, at):
    dossier = online_dossier(world, at=at)
    return services.refuse_dossier(
        actor=world.officer, dossier=dossier, reason="Sai thẩm quyền", at=at
    )


def withdrawn(world, at):
    dossier = desk_dossier(world, at=local(2026, 3, 2, 9, 0))
    return services.withdraw_dossier(
        actor=world.officer, dossier=dossier, reason="Đơn xin rút", at=at
    )


def stopped(world, at):
    dossier = processing(world)
    return services.stop_dossier(actor=world.leader, dossier=dossier, reason="Có tranh chấp", at=at)


def paused(world, at):
    dossier = processing(world)
    services.request_supplement(
        actor=world.specialist, dossier=dossier, items=["Bản vẽ mặt bằng móng"], at=at
    )
    return Dossier.objects.get(pk=dossier.pk)
