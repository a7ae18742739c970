from django.contrib import admin

from .models import AuditEntry, RoleSecurityPolicy


@admin.register(RoleSecurityPolicy)
class RoleSecurityPolicyAdmin(admin.ModelAdmin):
    list_display = ["role", "require_2fa"]
    list_editable = ["require_2fa"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only in the database too."""

    list_display = ["at", "actor_name", "actor_ip", "action", "detail", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_id", "detail"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
