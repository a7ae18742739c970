"""Keep each dossier's fact and the rollups exact, in the transaction of its events (a dossier
being filed: when it is numbered, the same transaction's last writes)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.dossiers.codes import code_issued, numbering
from motcua.dossiers.models import DossierEvent

from .facts import apply_filed, file_fact, refresh_fact, rescore
from .ratings import SCORE_FIELD, rating_model


@receiver(post_save, sender=DossierEvent, dispatch_uid="reports_dossier_event")
def on_dossier_event(sender, instance: DossierEvent, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        refresh_fact(instance.dossier, event=instance)


@receiver(numbering, dispatch_uid="reports_dossier_numbering")
def on_dossier_numbering(sender, *, dossier, provisional: str, **kwargs):
    file_fact(dossier, provisional)


@receiver(code_issued, dispatch_uid="reports_dossier_numbered")
def on_dossier_numbered(sender, *, provisional: str, **kwargs):
    apply_filed(provisional)


def on_rating_saved(sender, instance, raw: bool = False, **kwargs):
    if not raw:
        rescore(instance.dossier_id, int(getattr(instance, SCORE_FIELD) or 0))


_ratings = rating_model()
if _ratings is not None:
    post_save.connect(on_rating_saved, sender=_ratings, dispatch_uid="reports_rating")
