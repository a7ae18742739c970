"""Dossier events record their notifications in their own transaction (the outbox); the
delivery tasks are queued once it commits, and `motcua dispatch_notifications` queues any
that a crash between the commit and the queueing left behind."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.dossiers.models import DossierEvent

from .messages import TEMPLATE_OF_ACTION


@receiver(post_save, sender=DossierEvent, dispatch_uid="notifications_on_dossier_event")
def on_dossier_event(sender, instance: DossierEvent, created: bool, raw: bool = False, **kwargs):
    if raw or not created or instance.action not in TEMPLATE_OF_ACTION:
        return
    from .tasks import record_in_transaction

    record_in_transaction(instance)
