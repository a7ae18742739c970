"""motcua rebuild_rollups: recompute every dossier's fact and the rollups."""

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier
from motcua.reports.generator import ROLLUPS
from motcua.reports.progress import ProgressBar
from motcua.reports.rebuild import rebuild_facts, rebuild_rollups


class Command(BaseCommand):
    help = _("Tính lại số liệu thống kê của mọi hồ sơ và bảng tổng hợp theo ngày.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-facts",
            action="store_true",
            help=_("Chỉ cộng lại bảng tổng hợp từ số liệu từng hồ sơ đã có."),
        )
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, from_facts: bool = False, batch: int = 5000, **options):
        if not from_facts:
            bar = ProgressBar(Dossier.objects.count(), _("Hồ sơ"))
            done = rebuild_facts(batch=batch, progress=bar.advance)
            bar.close()
            self.stdout.write(
                _("Đã tính lại số liệu của %(n)s hồ sơ.") % {"n": f"{done:,}".replace(",", ".")}
            )
        rows = rebuild_rollups()
        self.stdout.write(_("Bảng tổng hợp có %(n)s dòng.") % {"n": f"{rows:,}".replace(",", ".")})
        tidy_rollups()


def tidy_rollups() -> None:
    """PostgreSQL, outside a transaction: VACUUM ANALYZE the rollup tables just replaced, so
    the deleted rows' space is reused and the planner knows the new rows at once (autovacuum
    would get there later)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in ROLLUPS:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
