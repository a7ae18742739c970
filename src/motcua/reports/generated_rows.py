"""Table rows of one synthetic dossier, as tuples in the order of each model's concrete fields.

`Rows.write` turns a `Life` into the rows of the dossier, its steps, events, received parts,
rating and statistical fact. The tuples must follow `bulkcopy.columns(model)`; `check()`
compares the orders below with the models so a new field fails loudly instead of shifting.
"""

import datetime as dt
import random

from motcua.dossiers.models import (
    STATUS_CODES,
    Dossier,
    DossierEvent,
    DossierPartReceived,
    DossierStep,
    Status,
    regime_on,
)

from .bulkcopy import columns
from .definitions import final_state_of
from .models import DossierFact, FinalState
from .synthetic import Life, Offer, day_of

DOSSIER = [
    "id",
    "code",
    "procedure_version_id",
    "regime",
    "channel",
    "status",
    "status_code",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_search",
    "applicant_user_id",
    "receiving_unit_id",
    "competent_unit_id",
    "current_unit_id",
    "current_step_id",
    "assignee_id",
    "duration_minutes",
    "submitted_at",
    "received_at",
    "clock_start_at",
    "due_at",
    "appointment_at",
    "paused_minutes",
    "paused_since",
    "apologised_at",
    "processing_supplements",
    "visit_count",
    "finished_at",
    "returned_at",
    "return_method",
    "outcome",
    "closing_reason",
    "result_number",
    "result_date",
    "result_signer",
    "granted",
    "result_reason",
    "e_result",
    "result_file",
    "fee_amount",
    "payment_requested_at",
    "paid_amount",
    "paid_at",
    "payment_receipt_number",
    "paid_online",
]
STEP = [
    "id",
    "dossier_id",
    "order",
    "procedure_step_id",
    "name",
    "unit_id",
    "role",
    "holder_id",
    "giver_unit_id",
    "giver_id",
    "budget_minutes",
    "started_at",
    "due_at",
    "paused_minutes",
    "ended_at",
    "outcome",
    "note",
]
EVENT = [
    "id",
    "dossier_id",
    "seq",
    "actor_id",
    "actor_unit_id",
    "actor_role",
    "at",
    "action",
    "from_status",
    "to_status",
    "note",
    "data",
    "slip",
    "corrects_id",
]
PART = [
    "id",
    "dossier_id",
    "part_id",
    "form",
    "copies",
    "digitised",
    "reused",
    "file_path",
    "received_at",
]
FACT = [
    "dossier_id",
    "receiving_unit_id",
    "competent_unit_id",
    "version_id",
    "channel",
    "received_day",
    "refused_day",
    "finish_day",
    "final_state",
    "outcome",
    "due_at",
    "paused_since",
    "supplements",
    "apologies",
    "fee_bearing",
    "paid_online",
    "e_result",
    "digitised",
    "reused",
    "processing_minutes",
    "committed_minutes",
    "statutory_minutes",
    "score",
]
RATING = ["id", "dossier_id", "score", "visit_count", "comment", "source", "unit_id", "rated_at"]

GRANTED = (Status.RESOLVED, Status.RETURNED)


def check(rating_model) -> None:
    """Raise if a model's fields no longer match the tuple orders of this module."""
    expected = [
        (Dossier, DOSSIER),
        (DossierStep, STEP),
        (DossierEvent, EVENT),
        (DossierPartReceived, PART),
        (DossierFact, FACT),
    ]
    if rating_model is not None:
        expected.append((rating_model, RATING))
    for model, order in expected:
        if columns(model) != order:
            raise RuntimeError(f"The generator's columns for {model.__name__} are out of date.")


class Rows:
    """Appends one dossier's rows to per-model lists; primary keys from `ids` (counters)."""

    def __init__(self, ids: dict, applicants, rating_model=None):
        check(rating_model)
        self.rating = rating_model
        self.dossier_ids = ids[Dossier]
        self.step_ids = ids[DossierStep]
        self.event_ids = ids[DossierEvent]
        self.part_ids = ids[DossierPartReceived]
        self.rating_ids = ids.get(rating_model)
        self.applicants = applicants
        self.regimes: dict[dt.date, str] = {}

    def _regime(self, day: dt.date) -> str:
        regime = self.regimes.get(day)
        if regime is None:
            regime = self.regimes[day] = regime_on(day)
        return regime

    def write(self, tables: dict, life: Life, offer: Offer, code: str, rng: random.Random):
        pk = next(self.dossier_ids)
        status = life.status
        received_at = life.received_at
        finished_at = life.finished_at
        granted = status in GRANTED
        step_ids = [next(self.step_ids) for _ in life.steps]
        current = life.current_step
        if current is not None:
            current_unit, current_step_id = life.steps[current][1][2], step_ids[current]
        else:
            current_step_id = None
            current_unit = life.steps[-1][1][2] if life.steps else offer.receiving_unit_id
        name, id_number, phone, address, search = self.applicants.draw(rng)
        finished_day = day_of(finished_at) if finished_at is not None else None
        tables[Dossier].append(
            (
                pk, code, offer.version_id, self._regime(day_of(received_at or life.submitted_at)),
                life.channel, status, STATUS_CODES[status], "person",
                name, id_number, phone, "", address,
                search, None, offer.receiving_unit_id, offer.competent_unit_id, current_unit,
                current_step_id, None, offer.committed if received_at else 0,
                life.submitted_at, received_at, life.clock_start_at, life.due_at,
                life.appointment_at, life.paused_minutes, life.paused_since, life.apologised_at,
                life.processing_supplements, 0,
                finished_at, life.returned_at, "desk" if life.returned_at else "", life.outcome,
                life.closing_reason,
                f"{rng.randint(1, 9999)}/QĐ" if finished_at and granted else "",
                finished_day if granted else None,
                "", True if granted else None, "", life.e_result, "", life.fee_amount,
                life.payment_requested_at,
                life.fee_amount if life.paid_at else None, life.paid_at, "", life.paid_online,
            )
        )  # fmt: skip
        steps = tables[DossierStep]
        for index, (order, step, start, due, end, outcome) in enumerate(life.steps):
            steps.append(
                (
                    step_ids[index], pk, order, step[5], step[1], step[2], step[3] or "",
                    None, None, None, step[4], start, due, 0, end, outcome, "",
                )
            )  # fmt: skip
        events, event_ids = tables[DossierEvent], self.event_ids
        for seq, (at, action, before, after, role, unit, data, slip) in enumerate(life.events, 1):
            events.append(
                (
                    next(event_ids), pk, seq, None, unit, role, at, action, before, after, "",
                    data, slip, None,
                )
            )  # fmt: skip
        digitised = reused = False
        parts, random_ = tables[DossierPartReceived], rng.random
        for part_id, form, copies, reusable in offer.parts:
            is_reused = reusable and random_() < 0.4
            is_digitised = is_reused or random_() < 0.85
            digitised, reused = digitised or is_digitised, reused or is_reused
            parts.append(
                (
                    next(self.part_ids), pk, part_id, form, copies, is_digitised, is_reused, "",
                    life.submitted_at,
                )
            )  # fmt: skip
        score = 0
        if life.rating is not None and self.rating is not None:
            score, visits, source, rated_at = life.rating
            tables[self.rating].append(
                (next(self.rating_ids), pk, score, visits, "", source, offer.receiving_unit_id,
                 rated_at)
            )  # fmt: skip
        final = final_state_of(status)
        resolved = final == FinalState.RESOLVED
        tables[DossierFact].append(
            (
                pk, offer.receiving_unit_id, offer.competent_unit_id, offer.version_id,
                life.channel,
                day_of(received_at) if received_at else None,
                day_of(life.events[-1][0]) if final == FinalState.REFUSED else None,
                finished_day, final, life.outcome if resolved else "", life.due_at,
                life.paused_since, life.supplements, int(life.apologised_at is not None),
                bool(life.fee_amount), life.paid_online in (1, 2), life.e_result, digitised,
                reused, life.processing_minutes if resolved else 0,
                offer.committed if resolved else 0, offer.statutory if resolved else 0, score,
            )
        )  # fmt: skip
