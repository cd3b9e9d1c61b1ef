"""Admin page forms of the curricula (loaded by the page models, so models import lazily)."""

from wagtail.admin.forms import WagtailAdminPageForm


class ModulePageForm(WagtailAdminPageForm):
    """Module editor form: offers only sibling modules as prerequisites, refuses cycles."""

    def __init__(self, *args, **kwargs):
        from curriculum.models import ModulePage

        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is not None and self.parent_page is not None:
            queryset = ModulePage.objects.child_of(self.parent_page).order_by("path")
            if self.instance.pk:
                queryset = queryset.exclude(pk=self.instance.pk)
            field.queryset = queryset

    def clean(self):
        from curriculum.rules import prerequisite_errors

        cleaned_data = super().clean()
        prerequisites = cleaned_data.get("prerequisites")
        if prerequisites is not None and self.parent_page is not None:
            for error in prerequisite_errors(
                module=self.instance,
                prerequisites=list(prerequisites),
                curriculum=self.parent_page.specific,
            ):
                self.add_error("prerequisites", error)
        return cleaned_data
