"""Default data: national office hours, and the announced swaps the pinned `holidays` lacks.

Checked against holidays 0.109 for DOMAIN §6.2 (2025, 2026): every row is in the package
except the New Year 2026 swap (Fri 02/01/2026 off, Sat 10/01/2026 worked).
"""

import datetime as dt

from django.db import migrations

NATIONAL_HOURS = [
    (weekday, start, end)
    for weekday in range(5)
    for start, end in ((dt.time(8, 0), dt.time(12, 0)), (dt.time(13, 0), dt.time(17, 0)))
]

ANNOUNCED_SWAPS = [
    (dt.date(2026, 1, 2), "off", "Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)"),
    (dt.date(2026, 1, 10), "working", "Làm bù cho ngày nghỉ 02/01/2026"),
]


def forwards(apps, schema_editor):
    OfficeHours = apps.get_model("workcalendar", "OfficeHours")
    CalendarOverride = apps.get_model("workcalendar", "CalendarOverride")
    if not OfficeHours.objects.filter(unit__isnull=True).exists():
        OfficeHours.objects.bulk_create(
            OfficeHours(unit=None, weekday=weekday, start=start, end=end)
            for weekday, start, end in NATIONAL_HOURS
        )
    for date, kind, name in ANNOUNCED_SWAPS:
        if not CalendarOverride.objects.filter(unit__isnull=True, date=date).exists():
            CalendarOverride.objects.create(date=date, kind=kind, name=name, unit=None)


def backwards(apps, schema_editor):
    CalendarOverride = apps.get_model("workcalendar", "CalendarOverride")
    CalendarOverride.objects.filter(
        unit__isnull=True, date__in=[date for date, _kind, _name in ANNOUNCED_SWAPS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
