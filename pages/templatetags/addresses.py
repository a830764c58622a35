"""`{% address 'provisions:compare' %}`, `{% address 'provisions:article-feed' law=… number=… %}`:
Django's `{% url %}`, remembered (provisions.links.address).

Every page's header and footer link ten named views, and an article page names its history,
feed and topics a few times more: at ~45 µs a `reverse`, some 0.7 ms of an article page
computed from scratch. The address is `reverse`'s own, escaped as `{% url %}` escapes it.
"""

from django import template

from provisions.links import address as remembered_address

register = template.Library()


@register.simple_tag
def address(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered; escaped by the template like {% url %}."""
    return remembered_address(viewname, **kwargs)
