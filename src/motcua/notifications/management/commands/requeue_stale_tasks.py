import datetime as dt

from django.core.management.base import BaseCommand

from motcua.notifications.stale import STALE_AFTER, requeue_stale_tasks


class Command(BaseCommand):
    help = (
        "Put back in the queue the tasks left RUNNING longer than --older-than seconds "
        "(their worker died); run it periodically and when a worker starts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=int(STALE_AFTER.total_seconds()), metavar="SECONDS"
        )

    def handle(self, *args, older_than, **options):
        count = requeue_stale_tasks(older_than=dt.timedelta(seconds=older_than))
        self.stdout.write(f"{count} task(s) requeued")
