"""What citizens add to a dossier on the portal: uploaded files and one satisfaction rating."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import DossierPart
from motcua.dossiers.models import Dossier


class UploadPurpose(models.TextChoices):
    SUBMISSION = "submission", _("Nộp hồ sơ")
    SUPPLEMENT = "supplement", _("Bổ sung hồ sơ")


class DossierFile(models.Model):
    """A file uploaded for one part of a dossier, stored under MEDIA_ROOT; never deleted."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="files"
    )
    part = models.ForeignKey(
        DossierPart, verbose_name=_("thành phần"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("mục đích"), max_length=20, choices=UploadPurpose.choices)
    path = models.CharField(_("đường dẫn"), max_length=500, unique=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=50)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["dossier_id", "part__order", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.path


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Rất hài lòng")
    SATISFIED = 4, _("Hài lòng")
    NEUTRAL = 3, _("Bình thường")
    DISSATISFIED = 2, _("Không hài lòng")
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")


class Visits(models.IntegerChoices):
    NONE = 0, _("Không phải đi lại")
    ONCE = 1, _("1 lần")
    TWICE_OR_MORE = 2, _("Từ 2 lần trở lên")


class RatingSource(models.TextChoices):
    LOOKUP = "lookup", _("Trang tra cứu")
    EMAIL_LINK = "email_link", _("Liên kết trong thư")
    API = "api", _("API")


class SatisfactionRating(models.Model):
    """The applicant's rating of the service for one dossier (DOMAIN §8): once, after 9 or 10."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Satisfaction.choices)
    visit_count = models.PositiveSmallIntegerField(_("số lần đi lại"), choices=Visits.choices)
    comment = models.TextField(_("ý kiến"), max_length=1000, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, choices=RatingSource.choices)
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), db_index=True)

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        ordering = ["-rated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_1_5"
            ),
            models.CheckConstraint(condition=Q(visit_count__lte=2), name="rating_visits_0_2"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"

    @property
    def satisfied(self) -> bool:
        return self.score >= Satisfaction.SATISFIED
