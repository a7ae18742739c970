"""motcua generate --dossiers N [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed S] [--jobs J];
motcua generate --restore-indexes (after an interrupted large load: rebuild the indexes it set
aside)."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion
from motcua.reports import bulkindexes
from motcua.reports.generator import GenerateError, generate
from motcua.reports.progress import ProgressBar


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("Ngày phải có dạng YYYY-MM-DD: %(text)s") % {"text": text}) from None


class Command(BaseCommand):
    help = _(
        "Sinh hồ sơ tổng hợp (kèm sự kiện, bước xử lý, thanh toán, kết quả) cho các đơn vị và "
        "thủ tục mẫu; chạy “motcua demo” trước."
    )

    def add_arguments(self, parser):
        today = timezone.localdate()
        parser.add_argument("--dossiers", type=int)
        parser.add_argument(
            "--restore-indexes",
            action="store_true",
            help=_("Chỉ dựng lại các chỉ mục một lần sinh dữ liệu bị ngắt đã tạm bỏ."),
        )
        parser.add_argument(
            "--from", dest="date_from", default=str(today.replace(year=today.year - 1))
        )
        parser.add_argument("--to", dest="date_to", default=str(today))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help=_(
                "Số tiến trình cùng sinh và ghi hồ sơ, mỗi tiến trình một phần các ngày (chỉ "
                "trên PostgreSQL; mặc định 1). Cùng --seed và cùng --jobs cho cùng dữ liệu."
            ),
        )

    def handle(self, *args, dossiers, date_from, date_to, seed, batch, jobs, **options):
        if options.get("restore_indexes"):
            made = bulkindexes.restore()
            self.stdout.write(_("Đã dựng lại %(n)s chỉ mục.") % {"n": made})
            return
        start, end = _day(date_from), _day(date_to)
        if dossiers is None or dossiers < 1:
            raise CommandError(_("Số hồ sơ phải là số nguyên dương."))
        if jobs < 1:
            raise CommandError(_("Số tiến trình phải là số nguyên dương."))
        if start > end:
            raise CommandError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if not ProcedureVersion.objects.exists():
            raise CommandError(_("Chưa có thủ tục nào; hãy chạy “motcua demo” trước."))
        bar = ProgressBar(dossiers, _("Hồ sơ"))
        began = time.monotonic()
        timings: dict[str, float] = {}
        try:
            made = generate(
                dossiers=dossiers, date_from=start, date_to=end, seed=seed, batch=batch,
                progress=bar.advance, timings=timings, jobs=jobs,
            )  # fmt: skip
        except GenerateError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        seconds = time.monotonic() - began
        self.stdout.write(
            _("Đã sinh %(n)s hồ sơ trong %(s).1f giây (%(rate)s hồ sơ/giây).")
            % {
                "n": f"{made:,}".replace(",", "."),
                "s": seconds,
                "rate": f"{made / seconds:,.0f}".replace(",", ".") if seconds else "—",
            }
        )
        self.stdout.write(
            _(
                "Ghi hồ sơ: %(rows).1f giây; dựng lại chỉ mục: %(indexes).1f giây; "
                "bảng tổng hợp: %(rollups).1f giây; thống kê cho bộ lập kế hoạch truy vấn "
                "(ANALYZE): %(analyze).1f giây."
            )
            % {name: timings.get(name, 0.0) for name in ("rows", "indexes", "rollups", "analyze")}
        )
