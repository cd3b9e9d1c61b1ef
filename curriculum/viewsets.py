"""Admin views of mirror pairs: a Wagtail model viewset whose writes go through services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from curriculum.models import Audience, CurriculumPage, MirrorPair, ModulePage
from curriculum.rules import module_curriculum
from curriculum.services import mirror_pair_create, mirror_pair_delete, mirror_pair_update


def modules_for_audience(audience: str):
    """Modules (live or draft) of every curriculum written for ``audience``."""
    condition = Q()
    for path, depth in CurriculumPage.objects.filter(audience=audience).values_list(
        "path", "depth"
    ):
        condition |= Q(path__startswith=path, depth=depth + 1)
    if not condition:
        return ModulePage.objects.none()
    return ModulePage.objects.filter(condition).order_by("path")


class ModuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ModulePage) -> str:
        if obj.live:
            return obj.title
        return _("%(title)s (draft)") % {"title": obj.title}


class MirrorPairForm(WagtailAdminModelForm):
    """Chooses one module of each audience; the rules live in ``MirrorPair.clean``."""

    association_module = ModuleChoiceField(
        label=_("Module for association leaders"), queryset=ModulePage.objects.none()
    )
    civil_servant_module = ModuleChoiceField(
        label=_("Module for senior civil servants"), queryset=ModulePage.objects.none()
    )

    class Meta:
        model = MirrorPair
        fields = ["association_module", "civil_servant_module"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association_module"].queryset = modules_for_audience(
            Audience.ASSOCIATION_LEADERS
        )
        self.fields["civil_servant_module"].queryset = modules_for_audience(Audience.CIVIL_SERVANTS)


class MirrorPairCreateView(generic.CreateView):
    def get_initial(self):
        """Pre-select the module the editor came from (``?module=<id>``)."""
        initial = super().get_initial()
        module_id = self.request.GET.get("module", "")
        module = ModulePage.objects.filter(pk=module_id).first() if module_id.isdigit() else None
        curriculum = module_curriculum(module) if module is not None else None
        if curriculum is not None:
            side = (
                "association_module"
                if curriculum.audience == Audience.ASSOCIATION_LEADERS
                else "civil_servant_module"
            )
            initial[side] = module.pk
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return mirror_pair_create(
            first=data["association_module"],
            second=data["civil_servant_module"],
            user=self.request.user,
        )


class MirrorPairEditView(generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return mirror_pair_update(
            pair=self.object,
            association_module=data["association_module"],
            civil_servant_module=data["civil_servant_module"],
            user=self.request.user,
        )


class MirrorPairDeleteView(generic.DeleteView):
    def delete_action(self):
        mirror_pair_delete(pair=self.object, user=self.request.user)


class MirrorPairViewSet(ModelViewSet):
    """« Paires miroir »: which module of one curriculum answers which of the other."""

    model = MirrorPair
    add_view_class = MirrorPairCreateView
    edit_view_class = MirrorPairEditView
    delete_view_class = MirrorPairDeleteView
    icon = "resubmit"
    menu_label = _("Mirror pairs")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("association_module", label=_("Module for association leaders")),
        Column("civil_servant_module", label=_("Module for senior civil servants")),
        "updated_at",
    ]
    name = "curriculum_mirrorpair"
    url_prefix = "paires-miroir"

    def get_form_class(self, for_update=False):
        return MirrorPairForm


mirror_pair_viewset = MirrorPairViewSet()
