"""The client's address behind the deployment's reverse proxies (settings.TRUSTED_PROXIES).

With no proxy (the default) the address is the connection's, REMOTE_ADDR: a client cannot
choose it. Behind N proxies that each append the address they received from to
X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), the client is the N-th entry from the
right: entries further left were sent by the client itself and prove nothing. Django-axes reads
it (AXES_CLIENT_IP_CALLABLE) to lock a username from one address, not from the proxy that all
clients share. One rule, a few lines: django-ipware's proxy count means something else in each
major version.
"""

from django.conf import settings


def client_address(request) -> str | None:
    hops = getattr(settings, "TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR")
    if hops <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote  # not through all the proxies: the connection's own address
    return forwarded[-hops]
