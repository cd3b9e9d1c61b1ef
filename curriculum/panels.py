"""Admin panels of the curriculum pages."""

from wagtail.admin.panels import Panel


class MirrorPanel(Panel):
    """Shows a module's mirror in its editor, with links to the mirror pair admin.

    The pair is one fact stored apart from both pages, so this panel only reads it; it is
    edited through the mirror pair views (and their services), never by saving the page.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "curriculum/panels/mirror_panel.html"

        def get_context_data(self, parent_context=None):
            from curriculum.selectors import mirror_pair_for_module

            context = super().get_context_data(parent_context)
            pair = mirror_pair_for_module(module=self.instance) if self.instance.pk else None
            mirror = None
            if pair is not None:
                mirror = (
                    pair.civil_servant_module
                    if pair.association_module_id == self.instance.pk
                    else pair.association_module
                )
            context.update({"pair": pair, "mirror": mirror, "module": self.instance})
            return context
