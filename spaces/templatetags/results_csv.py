"""``{% results_csv_url %}``: the directory's results as CSV (``spaces.export``), with the
page's filters and order but not its page number (the file holds every result)."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def results_csv_url(context):
    request, page = context["request"], context["page"]
    pairs = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
    url = f"{page.get_url(request)}results.csv"
    return f"{url}?{urlencode(pairs)}" if pairs else url
