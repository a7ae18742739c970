import datetime as dt

from django.core.management.base import BaseCommand

from motcua.notifications.stale import STALE_AFTER, requeue_stale_tasks
from motcua.notifications.tasks import DISPATCH_GRACE, SENDING_LEASE, dispatch_pending


class Command(BaseCommand):
    help = (
        "The notification sweep: requeue tasks left RUNNING by a dead worker, then queue the "
        "delivery of pending notifications nobody is sending. Run it every few minutes and "
        "when a worker starts; a message is still sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--grace", type=int, default=DISPATCH_GRACE, metavar="SECONDS")
        parser.add_argument("--lease", type=int, default=SENDING_LEASE, metavar="SECONDS")
        parser.add_argument(
            "--stale-tasks", type=int, default=int(STALE_AFTER.total_seconds()), metavar="SECONDS"
        )

    def handle(self, *args, grace, lease, stale_tasks, **options):
        tasks = requeue_stale_tasks(older_than=dt.timedelta(seconds=stale_tasks))
        rows = dispatch_pending(
            grace=dt.timedelta(seconds=grace), lease=dt.timedelta(seconds=lease)
        )
        self.stdout.write(f"{tasks} task(s) requeued, {rows} notification(s) queued")
