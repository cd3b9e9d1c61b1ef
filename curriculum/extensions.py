"""Extension points of the curriculum pages, for apps that build on the curricula.

The curricula know nothing of enrolment or progress (DESIGN.md): apps that do register
Wagtail hooks returning HTML fragments, which the pages show. Hook names:

- ``curriculum_curriculum_panels``: below a curriculum's introduction;
- ``curriculum_module_panels``: at the top of a module's side column;
- ``curriculum_lesson_panels``: after a lesson's body.

Each hook function receives ``(request, page)`` and returns safe HTML or ``""``.

Other lesson page types (e.g. a SCORM activity) become children of modules through
:func:`module_lesson_type_register`, called from their app's ``ready()``; the module page
then lists them with its content lessons.
"""

from wagtail import hooks


def page_panels(hook_name: str, request, page) -> list[str]:
    """The non-empty HTML fragments that registered hooks give for ``page``."""
    fragments = []
    for hook in hooks.get_hooks(hook_name):
        html = hook(request, page)
        if html:
            fragments.append(html)
    return fragments


def module_lesson_type_register(model) -> None:
    """Allow pages of ``model`` (whose ``parent_page_types`` name the module page) as
    lessons of modules. Call it from ``AppConfig.ready()``, before any request."""
    from curriculum.models import ModulePage

    label = f"{model._meta.app_label}.{model.__name__}"
    if label not in ModulePage.subpage_types:
        ModulePage.subpage_types = [*ModulePage.subpage_types, label]
        # Wagtail caches the cleaned list on first use (None means "not computed yet").
        ModulePage._clean_subpage_models = None
