"""Admin of office hours and calendar overrides; overrides are written through the services."""

from django.contrib import admin, messages
from django.urls import path
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

from .forms import CalendarOverrideForm
from .models import CalendarOverride, OfficeHours
from .services import (
    add_override,
    can_manage_calendar,
    change_override,
    delete_office_hours,
    remove_override,
    save_office_hours,
)
from .views import year_view


class CalendarAdminMixin:
    """Administrators (superusers or `admin` members) manage the calendar."""

    def has_module_permission(self, request):
        return can_manage_calendar(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_manage_calendar(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_manage_calendar(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_calendar(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_calendar(request.user)


@admin.register(OfficeHours)
class OfficeHoursAdmin(CalendarAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "unit", "weekday", "start", "end"]
    list_filter = ["weekday"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]

    def save_model(self, request, obj, form, change):
        save_office_hours(actor=request.user, office_hours=obj)

    def delete_model(self, request, obj):
        delete_office_hours(actor=request.user, office_hours=obj)

    def delete_queryset(self, request, queryset):
        for office_hours in queryset:
            delete_office_hours(actor=request.user, office_hours=office_hours)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(CalendarAdminMixin, admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["date_shown", "kind", "name", "unit", "intervals_shown"]
    list_filter = ["kind", ("unit", admin.EmptyFieldListFilter)]
    search_fields = ["name", "unit__name", "unit__code"]
    date_hierarchy = "date"
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    actions = ["delete_selected"]

    @admin.display(description=_("ngày"), ordering="date")
    def date_shown(self, obj):
        return f"{obj.date:%d/%m/%Y}"

    @admin.display(description=_("giờ làm việc"))
    def intervals_shown(self, obj):
        return ", ".join(f"{start}–{end}" for start, end in obj.intervals or ())

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: year_view(request, self.admin_site, self))
        return [path("nam/", view, name="workcalendar_year"), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        arguments = {
            "actor": request.user,
            "date": data["date"],
            "kind": data["kind"],
            "name": data["name"],
            "unit": data.get("unit"),
            "intervals": data.get("intervals"),
        }
        saved = change_override(override=obj, **arguments) if change else add_override(**arguments)
        obj.pk, obj.created_at = saved.pk, saved.created_at
        obj.name, obj.intervals = saved.name, saved.intervals

    def delete_model(self, request, obj):
        remove_override(actor=request.user, override=obj)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            remove_override(actor=request.user, override=override)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            # A refusal the form could not foresee (e.g. a duplicate saved meanwhile).
            self.message_user(request, error.message, messages.ERROR)
            return self.response_post_save_change(request, None)
