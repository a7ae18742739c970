from django import template

register = template.Library()


@register.filter
def with_forms(parts):
    """The dossier parts that come with a form (mẫu đơn, tờ khai) to fill in."""
    return [part for part in parts if part.template_name]
