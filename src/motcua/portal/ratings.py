"""Satisfaction ratings (DOMAIN §8): once per dossier, after the result, by the applicant;
and the signed link that opens the rating form from an e-mail."""

import datetime as dt

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.core.text import nfc
from motcua.dossiers.lifecycle import CITIZEN, Citizen, actor_roles
from motcua.dossiers.models import Dossier, Status

from .models import RatingSource, Satisfaction, SatisfactionRating, Visits

RATEABLE = frozenset({Status.RESOLVED, Status.RETURNED})
TOKEN_SALT = "motcua.portal.rating"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 180 * 24 * 3600
MAX_COMMENT = 1000


def rating_token(dossier: Dossier) -> str:
    return signing.dumps({"code": dossier.code}, salt=TOKEN_SALT, compress=True)


def dossier_from_token(token: str) -> Dossier:
    """The dossier a rating link names; the same 404 for a bad, expired or unknown link."""
    try:
        data = signing.loads(token[:300], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        code = str(data["code"])[:40]
    except (signing.BadSignature, KeyError, TypeError):
        raise NotFound(
            "rating_link", _("Liên kết đánh giá không hợp lệ hoặc đã hết hạn.")
        ) from None
    dossier = Dossier.objects.select_related("receiving_unit").filter(code=code).first()
    if dossier is None:
        raise NotFound("rating_link", _("Liên kết đánh giá không hợp lệ hoặc đã hết hạn."))
    return dossier


def can_rate(dossier: Dossier) -> bool:
    return dossier.status in RATEABLE


def _choice(value, choices, code: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(code, message) from None
    if isinstance(value, bool) or number not in choices.values:
        raise DomainError(code, message)
    return number


def rate_service(
    *,
    actor: Citizen,
    dossier: Dossier,
    score,
    visit_count,
    comment: str = "",
    source: str = RatingSource.LOOKUP,
    at: dt.datetime | None = None,
) -> SatisfactionRating:
    """Record the applicant's rating of `dossier`; refuses a second one (409)."""
    if CITIZEN not in actor_roles(dossier, actor, day=timezone.localdate()):
        raise PermissionDenied("forbidden", _("Chỉ người nộp hồ sơ được đánh giá."))
    score = _choice(score, Satisfaction, "score", _("Hãy chọn một mức độ hài lòng."))
    visits = _choice(visit_count, Visits, "visit_count", _("Hãy chọn số lần phải đi lại."))
    text = nfc(comment)
    if len(text) > MAX_COMMENT:
        raise DomainError("comment", _("Ý kiến dài quá %(n)s ký tự.") % {"n": MAX_COMMENT})
    if source not in RatingSource.values:
        source = RatingSource.LOOKUP
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status not in RATEABLE:
            raise DomainError(
                "not_rateable", _("Chỉ đánh giá được sau khi hồ sơ đã có kết quả."), status=409
            )
        if SatisfactionRating.objects.filter(dossier=locked).exists():
            raise DomainError("already_rated", _("Hồ sơ này đã được đánh giá."), status=409)
        try:
            with transaction.atomic():
                return SatisfactionRating.objects.create(
                    dossier=locked,
                    score=score,
                    visit_count=visits,
                    comment=text,
                    source=source,
                    unit_id=locked.receiving_unit_id,
                    rated_at=at or timezone.now(),
                )
        except IntegrityError:
            raise DomainError(
                "already_rated", _("Hồ sơ này đã được đánh giá."), status=409
            ) from None
