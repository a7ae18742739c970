"""Tasks of the database queue left RUNNING by a worker that died (killed, machine lost): the
worker marks a task RUNNING in its own transaction before running it and nothing else ever
looks at it again. Put back in the queue after a timeout; the notification tasks are safe to
run twice (a message is sent by one attempt at a time and never once sent)."""

import datetime as dt
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)


def requeue_stale_tasks(*, older_than: dt.timedelta = STALE_AFTER, now=None) -> int:
    """READY again every task RUNNING for longer than `older_than`; returns how many."""
    try:
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend: nothing to recover
        return 0

    now = now or timezone.now()
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - older_than
    )
    count = stale.update(status=TaskResultStatus.READY, started_at=None, run_after=now)
    if count:
        logger.warning("Requeued %d tasks left running for over %s", count, older_than)
    return count
