"""Template tags of the public site: breadcrumb and main menu."""

from django import template
from django.utils.translation import gettext as _

from curriculum.models import CurriculumIndexPage
from curriculum.selectors import curriculum_list_live

register = template.Library()


@register.inclusion_tag("dsfr/breadcrumb.html", takes_context=True)
def page_breadcrumb(context, page, current=None):
    """DSFR breadcrumb of a page: its ancestors below the home page, then the page.

    With ``current`` (a sub-view of a routable page), the page becomes a link and
    ``current`` the last item.
    """
    links = [{"url": a.url, "title": a.title} for a in page.get_ancestors().filter(depth__gt=2)]
    if current:
        links.append({"url": page.url, "title": page.title})
    return {
        "self": {
            "id": f"breadcrumb-{page.pk}",
            "links": links,
            "current": current or page.title,
        }
    }


@register.simple_tag
def main_menu(request) -> list[dict]:
    """Home, each live curriculum and the mirror view, marking the current entry."""
    path = request.path
    items = [{"title": _("Home"), "url": "/", "current": path == "/"}]
    index = CurriculumIndexPage.objects.live().first()
    if index is not None:
        for curriculum in curriculum_list_live(index=index).only("title", "url_path"):
            url = curriculum.url
            items.append(
                {"title": curriculum.title, "url": url, "current": path.startswith(url or "-")}
            )
        mirror_url = index.url + index.reverse_subpage("mirror")
        items.append({"title": _("Mirror view"), "url": mirror_url, "current": path == mirror_url})
    return items
