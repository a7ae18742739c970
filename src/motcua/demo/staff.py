"""Load the demo staff accounts and their memberships."""

from django.contrib.auth import get_user_model

from motcua.organization.models import Membership, Unit

from .data.staff import ACCOUNTS, PASSWORD


def load_staff(units: dict[str, Unit]) -> int:
    """Create the accounts and memberships that are missing; return how many accounts were created.

    Existing accounts (matched by username) keep their password and details.
    """
    user_model = get_user_model()
    users = {
        u.username: u for u in user_model.objects.filter(username__in=[a[0] for a in ACCOUNTS])
    }
    new_users = []
    password_hash = None
    for username, last_name, first_name, superuser, _memberships in ACCOUNTS:
        if username in users:
            continue
        user = user_model(
            username=username,
            last_name=last_name,
            first_name=first_name,
            email=f"{username}@example.com",
            is_staff=True,
            is_superuser=superuser,
        )
        if password_hash is None:
            # One salted hash for the shared demo password keeps loading fast.
            user.set_password(PASSWORD)
            password_hash = user.password
        user.password = password_hash
        new_users.append(user)
    for user in user_model.objects.bulk_create(new_users):
        users[user.username] = user
    if any(u.pk is None for u in users.values()):  # backends that do not return ids
        users = {u.username: u for u in user_model.objects.filter(username__in=list(users))}

    existing = set(
        Membership.objects.filter(user__in=users.values()).values_list("user_id", "unit_id", "role")
    )
    memberships = []
    for username, _last, _first, _superuser, rows in ACCOUNTS:
        user = users[username]
        for unit_code, role, (valid_from, valid_to) in rows:
            unit = units[unit_code]
            if (user.pk, unit.pk, role) in existing:
                continue
            memberships.append(
                Membership(
                    user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
                )
            )
    Membership.objects.bulk_create(memberships)
    return len(new_users)


def account_table() -> list[tuple[str, str, str]]:
    """(username, full name, "role — unit (period)" lines) of every demo account, for printing."""
    memberships = (
        Membership.objects.filter(user__username__in=[a[0] for a in ACCOUNTS])
        .select_related("user", "unit")
        .order_by("user__username", "unit__sort_name", "role")
    )
    by_user: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_user.setdefault(membership.user.username, []).append(membership)
    table = []
    for username, last_name, first_name, _superuser, _rows in ACCOUNTS:
        lines = []
        for m in by_user.get(username, []):
            period = ""
            if m.valid_from or m.valid_to:
                start = m.valid_from.strftime("%d/%m/%Y") if m.valid_from else "…"
                end = m.valid_to.strftime("%d/%m/%Y") if m.valid_to else "nay"
                period = f" ({start}–{end})"
            lines.append(f"{m.get_role_display()} — {m.unit.name}{period}")
        table.append((username, f"{last_name} {first_name}", "; ".join(lines)))
    return table
