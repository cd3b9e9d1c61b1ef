"""Pages of binômes: the project page, the evaluation, a promotion's binômes, and the staff
pages (pairing, grid, report and its exports).

Every view loads what it shows through :mod:`lms.binomes.permissions` and answers 404 to
whoever may not see it; changes are POSTs (CSRF-checked) calling the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.binomes import services
from lms.binomes.errors import BinomeError
from lms.binomes.files import CONTENT_TYPES
from lms.binomes.forms import (
    CommentForm,
    CriterionForm,
    DeliverableForm,
    EvaluationForm,
    MilestoneForm,
    PairForm,
    ProjectForm,
    ThemesForm,
)
from lms.binomes.models import (
    Binome,
    Deliverable,
    EvaluationCriterion,
    Milestone,
    PairingThemes,
)
from lms.binomes.permissions import (
    can_edit_project,
    can_manage_binomes,
    can_manage_criteria,
    can_view_binome,
    can_view_promotion_binomes,
    is_member,
)
from lms.binomes.selectors import (
    binome_detail,
    binome_list_for_learner,
    binome_list_for_promotion,
    criterion_list_for_promotion,
    declared_themes_for_promotion,
    evaluation_list_visible,
    evaluation_of,
    evaluation_report,
    members_have_both_submitted,
    mirrored_modules,
    unpaired_candidates,
)
from lms.people.models import Promotion
from lms.people.permissions import promotions_visible_to
from lms.people.selectors import promotion_list_for_learner
from lms.reports.exports import csv_response, xlsx_response

EXPORT_EXTENSIONS = ("csv", "xlsx")


def _binome_or_404(request, pk: int) -> Binome:
    binome = binome_detail(pk=pk)
    if binome is None or not can_view_binome(request.user, binome):
        raise Http404
    return binome


def _promotion_or_404(pk: int, allowed) -> Promotion:
    promotion = get_object_or_404(Promotion, pk=pk)
    if not allowed(promotion):
        raise Http404
    return promotion


def _report_error(request, error: BinomeError) -> None:
    messages.error(request, error.message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _breadcrumb(promotion: Promotion, current: str) -> dict:
    return {
        "links": [
            {
                "url": reverse("binomes:promotion", args=(promotion.pk,)),
                "title": _("Binômes of %(promotion)s") % {"promotion": promotion},
            }
        ],
        "current": current,
    }


# Project page ------------------------------------------------------------------------------


@login_required
def project_detail(request, pk: int) -> HttpResponse:
    """The binôme's project: description, milestones, deliverables, comments, and the
    modules each member follows side by side."""
    binome = _binome_or_404(request, pk)
    project = binome.project
    context = {
        "binome": binome,
        "project": project,
        "can_edit": can_edit_project(request.user, binome),
        "can_manage": can_manage_binomes(request.user, binome.promotion),
        "project_form": ProjectForm(initial=ProjectForm.initial_for(project)),
        "milestone_form": MilestoneForm(),
        "deliverable_form": DeliverableForm(),
        "comment_form": CommentForm(),
        "milestones": project.milestones.all(),
        "deliverables": project.deliverables.select_related("uploaded_by"),
        "comments": project.comments.select_related("author"),
        "mirror_rows": mirrored_modules(binome=binome),
        "breadcrumb_data": _breadcrumb(binome.promotion, project.title or str(binome)),
    }
    return TemplateResponse(request, "binomes/project.html", context)


def _back(binome: Binome):
    return redirect("binomes:project", pk=binome.pk)


@login_required
@require_POST
def project_update(request, pk: int) -> HttpResponse:
    """Save the project's description."""
    binome = _binome_or_404(request, pk)
    form = ProjectForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(binome)
    try:
        services.project_update(binome=binome, by=request.user, **form.cleaned_data)
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("The project was saved."))
    return _back(binome)


@login_required
@require_POST
def milestone_add(request, pk: int) -> HttpResponse:
    """Add a milestone."""
    binome = _binome_or_404(request, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(binome)
    try:
        services.milestone_add(binome=binome, by=request.user, **form.cleaned_data)
    except BinomeError as error:
        _report_error(request, error)
    return _back(binome)


def _project_part_or_404(request, model, pk: int):
    """A milestone or deliverable of a project the user may see (404 otherwise)."""
    part = get_object_or_404(model.objects.select_related("project__binome"), pk=pk)
    _binome_or_404(request, part.project.binome_id)
    return part


@login_required
@require_POST
def milestone_toggle(request, pk: int) -> HttpResponse:
    """Mark a milestone done, or not done again."""
    milestone = _project_part_or_404(request, Milestone, pk)
    try:
        services.milestone_set_done(milestone=milestone, by=request.user, done=not milestone.done)
    except BinomeError as error:
        _report_error(request, error)
    return _back(milestone.project.binome)


@login_required
@require_POST
def milestone_delete(request, pk: int) -> HttpResponse:
    """Remove a milestone."""
    milestone = _project_part_or_404(request, Milestone, pk)
    binome = milestone.project.binome
    try:
        services.milestone_delete(milestone=milestone, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    return _back(binome)


@login_required
@require_POST
def deliverable_add(request, pk: int) -> HttpResponse:
    """Upload a document."""
    binome = _binome_or_404(request, pk)
    form = DeliverableForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(binome)
    try:
        deliverable = services.deliverable_add(
            binome=binome, by=request.user, upload=form.cleaned_data["file"]
        )
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("“%(name)s” was added.") % {"name": deliverable.name})
    return _back(binome)


@login_required
def deliverable_download(request, pk: int) -> FileResponse:
    """Send a document to someone who may see the project."""
    deliverable = _project_part_or_404(request, Deliverable, pk)
    try:
        handle = deliverable.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=deliverable.name,
        content_type=CONTENT_TYPES.get(deliverable.kind, "application/octet-stream"),
    )


@login_required
@require_POST
def deliverable_remove(request, pk: int) -> HttpResponse:
    """Remove a document."""
    deliverable = _project_part_or_404(request, Deliverable, pk)
    binome = deliverable.project.binome
    try:
        services.deliverable_remove(deliverable=deliverable, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    return _back(binome)


@login_required
@require_POST
def comment_add(request, pk: int) -> HttpResponse:
    """A trainer comments on the project."""
    binome = _binome_or_404(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(binome)
    try:
        services.comment_add(binome=binome, by=request.user, body=form.cleaned_data["body"])
    except BinomeError as error:
        _report_error(request, error)
    return _back(binome)


@login_required
@require_POST
def project_complete(request, pk: int) -> HttpResponse:
    """A trainer marks the project complete."""
    binome = _binome_or_404(request, pk)
    try:
        services.project_complete(binome=binome, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(
            request, _("The project is completed; the members are asked to evaluate it.")
        )
    return _back(binome)


# Evaluation --------------------------------------------------------------------------------


@login_required
def evaluation(request, pk: int) -> HttpResponse:
    """The evaluation form (for whoever may still submit) and the evaluations the viewer
    may read."""
    binome = _binome_or_404(request, pk)
    criteria = list(EvaluationCriterion.objects.filter(promotion=binome.promotion))
    own = evaluation_of(binome=binome, evaluator=request.user)
    both = members_have_both_submitted(binome=binome)
    may_submit = (
        own is None
        and binome.status == Binome.Status.COMPLETED
        and bool(criteria)
        and (is_member(request.user, binome) or both)
    )
    form = EvaluationForm(request.POST or None, criteria=criteria) if may_submit else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("You may not submit an evaluation here."))
            return redirect("binomes:evaluation", pk=binome.pk)
        if form.is_valid():
            try:
                services.evaluation_submit(binome=binome, by=request.user, answers=form.answers())
            except BinomeError as error:
                _report_error(request, error)
            else:
                messages.success(request, _("Your evaluation was submitted."))
            return redirect("binomes:evaluation", pk=binome.pk)
    context = {
        "binome": binome,
        "project": binome.project,
        "criteria": criteria,
        "form": form,
        "own": own,
        "both_submitted": both,
        "evaluations": evaluation_list_visible(binome=binome, viewer=request.user),
        "breadcrumb_data": _breadcrumb(binome.promotion, _("Shared evaluation")),
    }
    return TemplateResponse(request, "binomes/evaluation.html", context)


# A promotion's binômes ---------------------------------------------------------------------


@login_required
def index(request) -> HttpResponse:
    """The promotions whose binômes the user may see: those they follow or run (staff),
    those they belong to (learners)."""
    staff = list(promotions_visible_to(request.user))
    own = list(promotion_list_for_learner(learner=request.user))
    promotions = staff + [promotion for promotion in own if promotion not in staff]
    context = {
        "promotions": promotions,
        "my_binomes": binome_list_for_learner(learner=request.user),
        "breadcrumb_data": {"links": [], "current": _("Binômes")},
    }
    return TemplateResponse(request, "binomes/index.html", context)


@login_required
def promotion_binomes(request, pk: int) -> HttpResponse:
    """The promotion's binômes and their projects (its members and staff)."""
    promotion = _promotion_or_404(pk, lambda p: can_view_promotion_binomes(request.user, p))
    themes = PairingThemes.objects.filter(promotion=promotion, learner=request.user).first()
    is_staff = can_manage_binomes(request.user, promotion)
    binomes = binome_list_for_promotion(promotion=promotion)
    paired = any(request.user.pk in binome.member_ids for binome in binomes)
    context = {
        "promotion": promotion,
        "binomes": binomes,
        "can_manage": is_staff,
        "can_manage_criteria": can_manage_criteria(request.user, promotion),
        "declared_themes": themes.themes if themes else "",
        # Learners declare their themes until they are paired.
        "themes_form": None
        if is_staff or paired
        else ThemesForm(initial={"themes": themes.themes if themes else ""}),
        "breadcrumb_data": {
            "links": [],
            "current": _("Binômes of %(promotion)s") % {"promotion": promotion},
        },
    }
    return TemplateResponse(request, "binomes/promotion.html", context)


@login_required
@require_POST
def themes_update(request, pk: int) -> HttpResponse:
    """A member declares the themes they would like to work on."""
    promotion = _promotion_or_404(pk, lambda p: can_view_promotion_binomes(request.user, p))
    form = ThemesForm(request.POST)
    if form.is_valid():
        try:
            services.pairing_themes_set(
                promotion=promotion, learner=request.user, themes=form.cleaned_data["themes"]
            )
        except BinomeError as error:
            _report_error(request, error)
        else:
            messages.success(request, _("Your themes were saved."))
    else:
        _form_errors(request, form)
    return redirect("binomes:promotion", pk=promotion.pk)


@login_required
def themes_manage(request, pk: int) -> HttpResponse:
    """Staff read and set the themes each member declared (before pairing): one form
    per member, posting ``learner`` and ``themes``."""
    promotion = _promotion_or_404(pk, lambda p: can_manage_binomes(request.user, p))
    if request.method == "POST":
        form = ThemesForm(request.POST)
        learner_id = request.POST.get("learner", "")
        learner = (
            get_user_model().objects.filter(pk=int(learner_id)).first()
            if learner_id.isdigit()
            else None
        )
        if learner is None:
            messages.error(request, _("Choose a member of the promotion."))
        elif not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.pairing_themes_set(
                    promotion=promotion,
                    learner=learner,
                    themes=form.cleaned_data["themes"],
                    by=request.user,
                )
            except BinomeError as error:
                _report_error(request, error)
            else:
                messages.success(
                    request,
                    _("Themes of %(name)s saved.")
                    % {"name": learner.get_full_name() or learner.email},
                )
        return redirect("binomes:themes_manage", pk=promotion.pk)
    context = {
        "promotion": promotion,
        "rows": declared_themes_for_promotion(promotion=promotion),
        "breadcrumb_data": _breadcrumb(promotion, _("Declared themes")),
    }
    return TemplateResponse(request, "binomes/themes_manage.html", context)


# Staff: pairing, grid, report --------------------------------------------------------------


def _manager_promotion(request, pk: int) -> Promotion:
    return _promotion_or_404(pk, lambda p: can_manage_binomes(request.user, p))


@login_required
def pairing(request, pk: int) -> HttpResponse:
    """Form binômes by hand, or review the suggested pairing, adjust it and confirm it."""
    promotion = _manager_promotion(request, pk)
    suggestion = services.pairing_suggest(promotion=promotion)
    civil_servants, leaders = unpaired_candidates(promotion=promotion)
    context = {
        "promotion": promotion,
        "binomes": binome_list_for_promotion(promotion=promotion),
        "pair_form": PairForm(civil_servants=civil_servants, association_leaders=leaders),
        "suggestion": suggestion,
        "leaders": leaders,
        "breadcrumb_data": _breadcrumb(promotion, _("Form binômes")),
    }
    return TemplateResponse(request, "binomes/pairing.html", context)


@login_required
@require_POST
def pair_create(request, pk: int) -> HttpResponse:
    """Form one binôme by hand."""
    promotion = _manager_promotion(request, pk)
    civil_servants, leaders = unpaired_candidates(promotion=promotion)
    form = PairForm(request.POST, civil_servants=civil_servants, association_leaders=leaders)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("binomes:pairing", pk=promotion.pk)
    try:
        binome = services.binome_create(
            promotion=promotion,
            first=form.cleaned_data["first"],
            second=form.cleaned_data["second"],
            by=request.user,
        )
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("Binôme %(binome)s formed.") % {"binome": binome})
    return redirect("binomes:pairing", pk=promotion.pk)


@login_required
@require_POST
def pairing_confirm(request, pk: int) -> HttpResponse:
    """Confirm the suggested pairing as adjusted: ``pair`` fields hold
    ``<civil servant id>:<association leader id>``, ``skip`` ones drop a line."""
    promotion = _manager_promotion(request, pk)
    User = get_user_model()
    pairs = []
    for value in request.POST.getlist("pair"):
        first_id, _sep, second_id = value.partition(":")
        if not (first_id.isdigit() and second_id.isdigit()):
            continue
        first = User.objects.filter(pk=int(first_id)).first()
        second = User.objects.filter(pk=int(second_id)).first()
        if first is None or second is None:
            continue
        pairs.append((first, second))
    try:
        created = services.binome_create_many(promotion=promotion, pairs=pairs, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("Binômes formed: %(count)s.") % {"count": len(created)})
    return redirect("binomes:pairing", pk=promotion.pk)


@login_required
@require_POST
def binome_dissolve(request, pk: int) -> HttpResponse:
    """Undo a pairing."""
    binome = _binome_or_404(request, pk)
    promotion = binome.promotion
    if not can_manage_binomes(request.user, promotion):
        raise Http404
    try:
        services.binome_dissolve(binome=binome, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("The binôme was dissolved."))
    return redirect("binomes:pairing", pk=promotion.pk)


@login_required
def criteria(request, pk: int) -> HttpResponse:
    """The promotion's evaluation grid: list and add criteria (administrators)."""
    promotion = _promotion_or_404(pk, lambda p: can_manage_criteria(request.user, p))
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.criterion_add(promotion=promotion, by=request.user, **form.cleaned_data)
            except BinomeError as error:
                _report_error(request, error)
            else:
                messages.success(request, _("The criterion was added."))
            return redirect("binomes:criteria", pk=promotion.pk)
    context = {
        "promotion": promotion,
        "criteria": criterion_list_for_promotion(promotion=promotion),
        "form": form,
        "breadcrumb_data": _breadcrumb(promotion, _("Evaluation grid")),
    }
    return TemplateResponse(request, "binomes/criteria.html", context)


def _criterion_or_404(request, pk: int) -> EvaluationCriterion:
    criterion = get_object_or_404(EvaluationCriterion.objects.select_related("promotion"), pk=pk)
    if not can_manage_criteria(request.user, criterion.promotion):
        raise Http404
    return criterion


@login_required
def criterion_edit(request, pk: int) -> HttpResponse:
    """Reword a criterion (administrators; refused once it has been answered)."""
    criterion = _criterion_or_404(request, pk)
    initial = {"label": criterion.label, "description": criterion.description}
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, by=request.user, **form.cleaned_data)
        except BinomeError as error:
            _report_error(request, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("binomes:criteria", pk=criterion.promotion_id)
    context = {
        "promotion": criterion.promotion,
        "criterion": criterion,
        "answered": criterion.answers.exists(),
        "form": form,
        "breadcrumb_data": _breadcrumb(criterion.promotion, _("Edit a criterion")),
    }
    return TemplateResponse(request, "binomes/criterion_edit.html", context)


@login_required
@require_POST
def criterion_move(request, pk: int) -> HttpResponse:
    """Move a criterion one place up or down the grid."""
    criterion = _criterion_or_404(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.criterion_move(criterion=criterion, by=request.user, offset=offset)
    except BinomeError as error:
        _report_error(request, error)
    return redirect("binomes:criteria", pk=criterion.promotion_id)


@login_required
@require_POST
def criterion_delete(request, pk: int) -> HttpResponse:
    """Remove a criterion not answered yet."""
    criterion = _criterion_or_404(request, pk)
    try:
        services.criterion_delete(criterion=criterion, by=request.user)
    except BinomeError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("The criterion was deleted."))
    return redirect("binomes:criteria", pk=criterion.promotion_id)


@login_required
def report(request, pk: int) -> HttpResponse:
    """The grid results per binôme and overall."""
    promotion = _manager_promotion(request, pk)
    criteria_list, rows = evaluation_report(promotion=promotion)
    context = {
        "promotion": promotion,
        "criteria": criteria_list,
        "rows": rows,
        "breadcrumb_data": _breadcrumb(promotion, _("Evaluation report")),
    }
    return TemplateResponse(request, "binomes/report.html", context)


def _report_table(promotion: Promotion) -> tuple[list[str], list[list]]:
    criteria_list, rows = evaluation_report(promotion=promotion)
    header = [
        _("Binôme"),
        _("Project"),
        _("Status"),
        _("Evaluations"),
        *[criterion.label for criterion in criteria_list],
        _("Overall mean"),
    ]
    lines = [
        [row.label, row.project, row.status, row.evaluations, *row.means, row.overall]
        for row in rows
    ]
    return header, lines


@login_required
def report_export(request, pk: int, extension: str) -> HttpResponse:
    """The report as CSV or XLSX."""
    promotion = _manager_promotion(request, pk)
    if extension not in EXPORT_EXTENSIONS:
        raise Http404
    header, lines = _report_table(promotion)
    stem = f"evaluations-binomes-{promotion.pk}-{timezone.localdate():%Y%m%d}"
    if extension == "csv":
        return csv_response(filename=f"{stem}.csv", header=header, rows=lines)
    return xlsx_response(
        filename=f"{stem}.xlsx", sheet_title=_("Evaluations"), header=header, rows=lines
    )
