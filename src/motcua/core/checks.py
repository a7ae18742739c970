"""Checks of the database server an installation runs on (`motcua check --deploy --database
default`): what the application cannot do without and no setting of ours can fix."""

from django.core import checks
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _


@checks.register(checks.Tags.database, deploy=True)
def autovacuum_on(app_configs=None, databases=None, **kwargs):
    """PostgreSQL's autovacuum keeps the planner statistics and the visibility map of the
    tables rewritten all day (the task queue, notifications, code counters, rollups): with
    it off the task worker slowed to 8 messages a second after 30,000 intakes
    (docs/postgresql.md)."""
    found = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW autovacuum")
                value = cursor.fetchone()[0]
        except DatabaseError:
            continue  # an unreachable server is reported by Django's own checks
        if value != "on":
            found.append(
                checks.Warning(
                    _("Máy chủ PostgreSQL của cơ sở dữ liệu “%(alias)s” đang tắt autovacuum.")
                    % {"alias": alias},
                    hint=_(
                        "Hãy bật lại (ALTER SYSTEM SET autovacuum = on; SELECT "
                        "pg_reload_conf();): khi tắt, hàng đợi tác vụ và các bảng tổng hợp "
                        "thống kê giữ thống kê cũ của bộ lập kế hoạch truy vấn và các dòng "
                        "chết, và tiến trình gửi thông báo chậm dần (docs/postgresql.md)."
                    ),
                    id="motcua.W001",
                )
            )
    return found
