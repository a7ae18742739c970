"""A captcha rendered by our own server: an arithmetic question drawn as a distorted SVG and
also written out in Vietnamese words for screen readers. The token is signed, expires, and
is consumed on the first attempt (right or wrong); the answer is kept server-side, hashed."""

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.core.text import fold

from .models import CaptchaChallenge

TTL = dt.timedelta(minutes=15)
SALT = "motcua.feedback.captcha"
WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def number_words(n: int) -> str:
    """Vietnamese words for 0–99: 15 → `mười lăm`, 21 → `hai mươi mốt`."""
    if n <= 10:
        return WORDS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{WORDS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    else:
        tail = WORDS[unit]
    return f"{head} {tail}"


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str  # the accessible alternative, in words


def _digest(challenge_id: int, answer: str) -> str:
    return salted_hmac(SALT, f"{challenge_id}:{answer}").hexdigest()


def _question(operands: list) -> str:
    a, op, b = operands
    word = _("cộng") if op == "+" else _("trừ")
    return _("Phép tính: %(a)s %(op)s %(b)s bằng bao nhiêu? Nhập kết quả bằng chữ số.") % {
        "a": number_words(a),
        "op": word,
        "b": number_words(b),
    }


def new_challenge(*, now: dt.datetime | None = None) -> Challenge:
    now = now or timezone.now()
    # Expired challenges are useless; remove them as new ones are made.
    CaptchaChallenge.objects.filter(expires_at__lt=now - TTL).delete()
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    op = "+" if secrets.randbelow(2) else "-"
    if op == "-" and b > a:
        a, b = b, a
    result = a + b if op == "+" else a - b
    row = CaptchaChallenge.objects.create(
        answer_hash="", created_at=now, expires_at=now + TTL, operands=[a, op, b]
    )
    row.answer_hash = _digest(row.pk, str(result))
    row.save(update_fields=["answer_hash"])
    token = signing.TimestampSigner(salt=SALT).sign(str(row.pk))
    return Challenge(token=token, question=_question(row.operands))


def _challenge_id(token: str) -> int | None:
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(
            (token or "")[:200], max_age=TTL.total_seconds()
        )
        return int(value)
    except (signing.BadSignature, ValueError):
        return None


def _normalise_answer(raw: str) -> str:
    text = fold(raw)[:40]
    if text.lstrip("-").isdigit():
        return str(int(text))
    for n in range(0, 20):
        if text == fold(number_words(n)):
            return str(n)
    return text


def verify(token: str, answer: str, *, now: dt.datetime | None = None) -> bool:
    """True if `answer` solves the unexpired, unused challenge of `token`; consumes it."""
    now = now or timezone.now()
    challenge_id = _challenge_id(token)
    if challenge_id is None:
        return False
    consumed = CaptchaChallenge.objects.filter(
        pk=challenge_id, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if consumed != 1:
        return False
    stored = CaptchaChallenge.objects.filter(pk=challenge_id).values_list("answer_hash", flat=True)
    expected = next(iter(stored), "")
    return hmac.compare_digest(expected, _digest(challenge_id, _normalise_answer(answer)))


def render_svg(token: str) -> str | None:
    """The distorted picture of the question; None for an unknown, used or expired token."""
    challenge_id = _challenge_id(token)
    if challenge_id is None:
        return None
    row = CaptchaChallenge.objects.filter(
        pk=challenge_id, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    if row is None:
        return None
    a, op, b = row.operands
    chars = [*str(a), " ", "+" if op == "+" else "−", " ", *str(b), " ", "=", " ", "?"]
    rng = secrets.SystemRandom()
    width, height = 220, 64
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-hidden="true">',
        f'<rect width="{width}" height="{height}" fill="#f3f0e6"/>',
    ]
    for _line in range(6):
        x1, y1 = rng.randint(0, width), rng.randint(0, height)
        x2, y2 = rng.randint(0, width), rng.randint(0, height)
        colour = f"#{rng.randint(0x60, 0xB0):02x}{rng.randint(0x60, 0xB0):02x}{0x90:02x}"
        parts.append(
            f'<path d="M{x1} {y1} Q{rng.randint(0, width)} {rng.randint(0, height)} {x2} {y2}" '
            f'stroke="{colour}" stroke-width="{rng.randint(1, 3)}" fill="none"/>'
        )
    x = 14
    for char in chars:
        if char == " ":
            x += 8
            continue
        y = 40 + rng.randint(-6, 6)
        angle = rng.randint(-25, 25)
        size = rng.randint(26, 34)
        parts.append(
            f'<text x="{x}" y="{y}" font-family="DejaVu Sans Mono, monospace" '
            f'font-size="{size}" font-weight="bold" fill="#2b2b45" '
            f'transform="rotate({angle} {x + 8} {y - 10})">{escape(char)}</text>'
        )
        x += 22
    for _dot in range(40):
        parts.append(
            f'<circle cx="{rng.randint(0, width)}" cy="{rng.randint(0, height)}" '
            f'r="{rng.randint(1, 2)}" fill="#7a7a90"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
