"""The client's address: REMOTE_ADDR, or the address a trusted proxy put in X-Forwarded-For."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """With SECURITY_TRUSTED_PROXIES = n, the n-th address from the right of X-Forwarded-For."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "SECURITY_TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
