"""System checks: the page tree rules of the curricula must stay consistent."""

from django.core.checks import Warning, register


@register()
def check_page_tree_rules(app_configs=None, **kwargs):
    """Warn when a curriculum page type allows a child whose own rules refuse that parent."""
    from wagtail.models import get_page_models

    messages = []
    curriculum_models = [m for m in get_page_models() if m._meta.app_label == "curriculum"]
    for model in curriculum_models:
        # The declared rules: ``allowed_*`` already drop what the other side refuses.
        for child in model.clean_subpage_models():
            if model not in child.clean_parent_page_models():
                messages.append(
                    Warning(
                        f"{model.__name__} allows {child.__name__} as a child, "
                        f"but {child.__name__} does not allow {model.__name__} as a parent.",
                        hint="Align subpage_types and parent_page_types.",
                        obj=model,
                        id="curriculum.W001",
                    )
                )
    return messages
