"""Extension points of the curriculum pages, for apps that build on the curricula.

The curricula know nothing of enrolment or progress (DESIGN.md): apps that do register
Wagtail hooks returning HTML fragments, which the pages show. Hook names:

- ``curriculum_curriculum_panels``: below a curriculum's introduction;
- ``curriculum_module_panels``: at the top of a module's side column;
- ``curriculum_lesson_panels``: after a lesson's body.

Each hook function receives ``(request, page)`` and returns safe HTML or ``""``.
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
