"""Administrators set up terms and targets here; goal changes go through the logged service."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

from .models import Breakthrough, KeyTask, Target, TargetGroup, Term, YearGoal
from .services import change_goal


class KeyTaskInline(admin.TabularInline):
    model = KeyTask
    extra = 0


class BreakthroughInline(admin.TabularInline):
    model = Breakthrough
    extra = 0


class TargetGroupInline(admin.TabularInline):
    model = TargetGroup
    extra = 0
    show_change_link = True


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "start_year", "end_year"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]
    inlines = [KeyTaskInline, BreakthroughInline, TargetGroupInline]


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["order", "name", "unit_of_measure", "direction", "goal"]
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        # An existing target's goal changes only through its own page (logged).
        return ["goal"] if obj is not None else []

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "term", "order"]
    list_select_related = ["term"]
    search_fields = ["name"]
    inlines = [TargetInline]


class YearGoalInline(admin.TabularInline):
    model = YearGoal
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return obj is None


class TargetForm(forms.ModelForm):
    new_year = forms.IntegerField(label=_("Đặt mục tiêu năm: năm"), required=False)
    new_year_goal = forms.DecimalField(
        label=_("Đặt mục tiêu năm: giá trị"), required=False, max_digits=16, decimal_places=4
    )
    goal_note = forms.CharField(
        label=_("Lý do thay đổi mục tiêu"), required=False, max_length=2000, widget=forms.Textarea
    )

    class Meta:
        model = Target
        fields = [
            "group",
            "order",
            "name",
            "unit_of_measure",
            "direction",
            "baseline",
            "baseline_year",
            "goal",
            "goal_text",
            "responsible_units",
            "note",
        ]

    def clean(self):
        data = super().clean()
        if (data.get("new_year") is None) != (data.get("new_year_goal") is None):
            raise forms.ValidationError(_("Nhập cả năm và giá trị mục tiêu năm."))
        return data


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ["name", "group", "direction", "goal", "unit_of_measure"]
    list_select_related = ["group", "group__term"]
    list_filter = ["direction", "group__term"]
    search_fields = ["name"]
    filter_horizontal = ["responsible_units"]

    def get_inlines(self, request, obj):
        return [YearGoalInline]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        goal_changed = "goal" in form.changed_data
        new_goal = obj.goal
        if goal_changed:
            obj.goal = form.initial["goal"]  # the service writes it, with the history row
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("goal_note") or ""
        try:
            if goal_changed:
                change_goal(actor=request.user, target=obj, goal=new_goal, note=note)
            if form.cleaned_data.get("new_year") is not None:
                change_goal(
                    actor=request.user,
                    target=obj,
                    goal=form.cleaned_data["new_year_goal"],
                    year=form.cleaned_data["new_year"],
                    note=note,
                )
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
