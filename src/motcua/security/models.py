"""Per-role second-factor policy and the append-only audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.organization.models import Role


class RoleSecurityPolicy(models.Model):
    """Whether staff holding `role` (in any unit) must sign in with a second factor."""

    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, unique=True)
    require_2fa = models.BooleanField(
        _("bắt buộc xác thực hai lớp"),
        default=False,
        help_text=_(
            "Cán bộ giữ vai trò này phải đăng ký ứng dụng xác thực (TOTP) và nhập mã "
            "mỗi lần đăng nhập."
        ),
    )

    class Meta:
        verbose_name = _("chính sách bảo mật theo vai trò")
        verbose_name_plural = _("chính sách bảo mật theo vai trò")
        ordering = ["role"]

    def __str__(self) -> str:
        return str(self.get_role_display())


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    SESSION_EXPIRED = "session_expired", _("Hết phiên do không thao tác")
    LOCKED_OUT = "locked_out", _("Bị khóa do đăng nhập sai nhiều lần")
    OTP_ENROLLED = "otp_enrolled", _("Đăng ký xác thực hai lớp")
    OTP_REMOVED = "otp_removed", _("Gỡ thiết bị xác thực hai lớp")
    OTP_VERIFIED = "otp_verified", _("Xác thực hai lớp thành công")
    OTP_FAILED = "otp_failed", _("Mã xác thực hai lớp sai")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Yêu cầu đặt lại mật khẩu")
    PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
    TOKEN_CREATED = "token_created", _("Tạo khóa truy cập API")
    TOKEN_REVOKED = "token_revoked", _("Thu hồi khóa truy cập API")
    USER_CREATED = "user_created", _("Tạo tài khoản cán bộ")
    USER_CHANGED = "user_changed", _("Đổi quyền tài khoản")
    USER_DELETED = "user_deleted", _("Xóa tài khoản cán bộ")
    GROUPS_CHANGED = "groups_changed", _("Đổi nhóm quyền")
    PERMISSIONS_CHANGED = "permissions_changed", _("Đổi quyền riêng")
    MEMBERSHIP_CREATED = "membership_created", _("Phân công cán bộ")
    MEMBERSHIP_CHANGED = "membership_changed", _("Sửa phân công")
    MEMBERSHIP_DELETED = "membership_deleted", _("Xóa phân công")
    POLICY_CHANGED = "policy_changed", _("Đổi chính sách bảo mật")
    DOSSIER_ACTION = "dossier_action", _("Thao tác hồ sơ")


class AuditEntry(models.Model):
    """One row per security-relevant act; a database trigger refuses UPDATE and DELETE.

    `actor` keeps no foreign-key constraint so removing an account never has to touch the log;
    `actor_name` keeps the username as it was.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        db_index=False,
    )
    actor_name = models.CharField(_("tài khoản"), max_length=150, blank=True)
    actor_ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    action = models.CharField(_("hành động"), max_length=40, choices=AuditAction.choices)
    detail = models.CharField(_("chi tiết"), max_length=60, blank=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=60, blank=True)
    old = models.JSONField(_("giá trị cũ"), null=True, blank=True)
    new = models.JSONField(_("giá trị mới"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()}"
