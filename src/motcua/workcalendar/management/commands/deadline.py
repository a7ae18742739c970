"""`motcua deadline`: compute a due instant from a receipt time, a duration and pauses."""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.organization.models import Unit
from motcua.workcalendar.clock import (
    TZ,
    add_working_time,
    clock_start,
    counted_intervals,
    day_info,
    due_with_pauses,
    merge_pauses,
    working_minutes_between,
)
from motcua.workcalendar.selectors import calendar_for

MINUTES_PER_DAY = 480
MAX_MINUTES = 365 * MINUTES_PER_DAY
INPUT_FORMAT = "%Y-%m-%d %H:%M"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _parse_instant(text: str, what: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), INPUT_FORMAT).replace(tzinfo=TZ)
    except ValueError:
        raise _fail(
            _("%(what)s không hợp lệ: “%(text)s” (dạng YYYY-MM-DD HH:MM, giờ Việt Nam).")
            % {"what": what, "text": text}
        ) from None


def _show(instant: dt.datetime) -> str:
    return f"{WEEKDAYS[instant.weekday()]} {instant:%d/%m/%Y %H:%M}"


class Command(BaseCommand):
    help = _(
        "Tính hạn giải quyết theo giờ hành chính, ngày nghỉ lễ và lịch điều chỉnh; "
        "dòng cuối là thời điểm hạn YYYY-MM-DD HH:MM."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        command = self

        def error(message):
            text = _("Tham số dòng lệnh không hợp lệ: %(detail)s") % {"detail": message}
            if parser.called_from_command_line:
                command.stderr.write(text)
                sys.exit(2)
            raise _fail(text)

        parser.error = error
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--received", help=_("thời điểm tiếp nhận, YYYY-MM-DD HH:MM"))
        parser.add_argument("--days", help=_("thời hạn, số ngày làm việc (8 giờ)"))
        parser.add_argument("--hours", help=_("thời hạn, số giờ làm việc"))
        parser.add_argument("--minutes", help=_("thời hạn, số phút làm việc"))
        parser.add_argument("--cutoff", help=_("giờ chốt nhận trong ngày, HH:MM"))
        parser.add_argument("--unit", help=_("mã đơn vị (mặc định: giờ hành chính chung)"))
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            help=_("thời gian tạm dừng “YYYY-MM-DD HH:MM/YYYY-MM-DD HH:MM”, lặp lại được"),
        )
        parser.add_argument("--explain", action="store_true", help=_("giải thích cách tính"))

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error))
            sys.exit(error.returncode)

    def handle(self, *args, **options):
        received = self._received(options["received"])
        minutes = self._duration(options)
        cutoff = self._cutoff(options["cutoff"])
        unit = self._unit(options["unit"])
        pauses = [self._pause(text) for text in options["pause"]]
        calendar = calendar_for(unit)
        try:
            start = clock_start(received, calendar, cutoff)
            merged = merge_pauses(pauses)
            due = add_working_time(start, minutes, calendar)
            for begin, end in merged:
                if begin < received or begin > due:
                    raise _fail(
                        _(
                            "Thời gian tạm dừng %(begin)s–%(end)s nằm ngoài khoảng từ lúc "
                            "tiếp nhận đến hạn giải quyết (%(due)s)."
                        )
                        % {
                            "begin": f"{begin:%d/%m/%Y %H:%M}",
                            "end": f"{end:%d/%m/%Y %H:%M}",
                            "due": f"{due:%d/%m/%Y %H:%M}",
                        }
                    )
                due = add_working_time(due, working_minutes_between(begin, end, calendar), calendar)
            final = due_with_pauses(start, minutes, calendar, merged)
        except ValueError as error:
            raise _fail(_("Không tính được hạn: %(error)s") % {"error": error}) from None
        if options["explain"]:
            self._explain(received, start, minutes, merged, final, calendar, unit)
        self.stdout.write(f"{final:%Y-%m-%d %H:%M}")

    def _received(self, text: str | None) -> dt.datetime:
        if not text:
            raise _fail(_("Thiếu --received (thời điểm tiếp nhận, dạng YYYY-MM-DD HH:MM)."))
        return _parse_instant(text, _("Thời điểm tiếp nhận"))

    def _duration(self, options) -> int:
        given = [(name, options[name]) for name in ("days", "hours", "minutes") if options[name]]
        if not given:
            raise _fail(_("Thiếu thời hạn: dùng một trong --days, --hours hoặc --minutes."))
        if len(given) > 1:
            raise _fail(_("Chỉ dùng một trong --days, --hours, --minutes."))
        name, text = given[0]
        try:
            amount = int(text.strip())
        except ValueError:
            raise _fail(
                _("Thời hạn phải là số nguyên dương: “%(text)s”.") % {"text": text}
            ) from None
        minutes = amount * {"days": MINUTES_PER_DAY, "hours": 60, "minutes": 1}[name]
        if amount <= 0:
            raise _fail(_("Thời hạn phải là số nguyên dương: “%(text)s”.") % {"text": text})
        if minutes > MAX_MINUTES:
            raise _fail(_("Thời hạn quá lớn: tối đa 365 ngày làm việc."))
        return minutes

    def _cutoff(self, text: str | None) -> dt.time | None:
        if not text:
            return None
        try:
            return dt.datetime.strptime(text.strip(), "%H:%M").time()
        except ValueError:
            raise _fail(
                _("Giờ chốt nhận không hợp lệ: “%(text)s” (dạng HH:MM).") % {"text": text}
            ) from None

    def _unit(self, code: str | None) -> Unit | None:
        if not code:
            return None
        unit = Unit.objects.filter(code=code.strip()).first()
        if unit is None:
            raise _fail(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code})
        return unit

    def _pause(self, text: str) -> tuple[dt.datetime, dt.datetime]:
        parts = text.split("/")
        if len(parts) != 2:
            raise _fail(
                _("Thời gian tạm dừng không hợp lệ: “%(text)s” (dạng BẮT ĐẦU/KẾT THÚC).")
                % {"text": text}
            )
        begin = _parse_instant(parts[0], _("Thời điểm bắt đầu tạm dừng"))
        end = _parse_instant(parts[1], _("Thời điểm kết thúc tạm dừng"))
        if end <= begin:
            raise _fail(
                _("Thời gian tạm dừng “%(text)s” kết thúc không sau lúc bắt đầu.") % {"text": text}
            )
        return begin, end

    def _explain(self, received, start, minutes, pauses, due, calendar, unit) -> None:
        write = self.stdout.write
        write(_("Đơn vị: %(unit)s") % {"unit": unit.name if unit else _("giờ hành chính chung")})
        write(_("Tiếp nhận: %(when)s") % {"when": _show(received)})
        write(_("Bắt đầu tính thời hạn: %(when)s") % {"when": _show(start)})
        write(_("Thời hạn: %(minutes)d phút làm việc") % {"minutes": minutes})
        for begin, end in pauses:
            write(
                _("Tạm dừng: %(begin)s → %(end)s (%(minutes)d phút làm việc không tính)")
                % {
                    "begin": _show(begin),
                    "end": _show(end),
                    "minutes": working_minutes_between(begin, end, calendar),
                }
            )
        write(_("Ngày        Từ–đến         Phút  Lũy kế"))
        total, shown_day = 0, start.date()
        for begin, end in self._counted(start, due, pauses, calendar):
            while shown_day < begin.date():
                info = day_info(shown_day, calendar)
                if info.is_holiday:
                    write(f"{shown_day:%d/%m/%Y}  " + _("nghỉ: %(name)s") % {"name": info.name})
                shown_day += dt.timedelta(days=1)
            shown_day = begin.date() + dt.timedelta(days=1)
            piece = working_minutes_between(begin, end, calendar)
            total += piece
            write(f"{begin:%d/%m/%Y}  {begin:%H:%M}–{end:%H:%M}  {piece:>5}  {total:>6}")
        write(_("Hạn giải quyết: %(when)s") % {"when": _show(due)})

    @staticmethod
    def _counted(start, due, pauses, calendar):
        """Office intervals from the clock start to the due, minus the pauses."""
        pieces = counted_intervals(start, due, calendar)
        for pause_begin, pause_end in pauses:
            kept = []
            for begin, end in pieces:
                if end <= pause_begin or begin >= pause_end:
                    kept.append((begin, end))
                    continue
                if begin < pause_begin:
                    kept.append((begin, pause_begin))
                if end > pause_end:
                    kept.append((pause_end, end))
            pieces = kept
        return pieces
