import datetime as dt

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

from .models import DossierPart, Fee, Field, Procedure, ProcedureStep, ProcedureVersion
from .services import publish_version


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "name", "effective_from", "effective_to"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code"]
    search_fields = ["code", "versions__search_text"]
    inlines = [VersionInline]


class PartInline(admin.TabularInline):
    model = DossierPart
    extra = 0


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class StepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0
    autocomplete_fields = ["unit"]


@admin.action(description=_("Tạo phiên bản mới, hiệu lực từ ngày mai"))
def new_version_from_tomorrow(modeladmin, request, queryset):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for version in queryset.select_related("procedure"):
        try:
            created = publish_version(source=version, effective_from=tomorrow)
        except DomainError as error:
            modeladmin.message_user(
                request, f"{version.procedure.code}: {error.message}", messages.ERROR
            )
        else:
            modeladmin.message_user(
                request, _("Đã tạo %(version)s.") % {"version": created}, messages.SUCCESS
            )


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = [
        "procedure",
        "name",
        "number",
        "field",
        "online_service",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["field", "online_service", "level", "online_payment"]
    search_fields = ["procedure__code", "search_text"]
    list_select_related = ["procedure", "field"]
    autocomplete_fields = ["procedure", "field", "receiving_units", "resolving_units"]
    inlines = [PartInline, FeeInline, StepInline]
    actions = [new_version_from_tomorrow]
