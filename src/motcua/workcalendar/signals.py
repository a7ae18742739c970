"""Signals of the working calendar."""

from django.dispatch import Signal

# Sent (from the `recompute_deadlines` task) after a calendar change has been committed.
# kwargs: date_from, date_to (datetime.date, inclusive) and unit_id (None = nation-wide).
# Receivers recompute the due dates of open dossiers whose working time spans those dates.
calendar_changed = Signal()
