"""The one place statistics read satisfaction ratings (DOMAIN §8) from.

Ratings are one per dossier, scored 1–5. They are read through `rating_model()`, which
looks for a `SatisfactionRating` model (fields `dossier`, `score`) in the portal or ratings
app; until one is installed every dossier counts as not rated.
"""

from django.apps import apps
from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

CANDIDATES = (("portal", "SatisfactionRating"), ("ratings", "SatisfactionRating"))
SCORE_FIELD = "score"


def rating_model():
    for app_label, name in CANDIDATES:
        try:
            return apps.get_model(app_label, name)
        except LookupError:
            continue
    return None


def rating_score_expression():
    """An annotation giving a dossier's score (0 when not rated), for querysets of Dossier."""
    model = rating_model()
    if model is None:
        return Value(0, output_field=IntegerField())
    latest = model.objects.filter(dossier=OuterRef("pk")).order_by("-pk").values(SCORE_FIELD)[:1]
    return Coalesce(Subquery(latest, output_field=IntegerField()), Value(0))


def score_of(dossier_id: int) -> int:
    model = rating_model()
    if model is None:
        return 0
    score = (
        model.objects.filter(dossier_id=dossier_id)
        .order_by("-pk")
        .values_list(SCORE_FIELD, flat=True)
        .first()
    )
    return int(score or 0)
