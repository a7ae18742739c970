"""Dossier events queue their notifications once the transaction that wrote them commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.dossiers.models import DossierEvent

from .messages import TEMPLATE_OF_ACTION


@receiver(post_save, sender=DossierEvent, dispatch_uid="notifications_on_dossier_event")
def on_dossier_event(sender, instance: DossierEvent, created: bool, raw: bool = False, **kwargs):
    if raw or not created or instance.action not in TEMPLATE_OF_ACTION:
        return
    from .tasks import notify_event

    event_id = instance.pk
    transaction.on_commit(lambda: notify_event.enqueue(event_id), robust=True)
