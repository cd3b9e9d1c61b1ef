"""The expected-access table of the authorization matrix (data only).

Policy
------
- **Public**: the home, legal and accessibility pages, the curricula index, curricula,
  module pages and the mirror view, certificate verification (page, code, JSON), sign-in
  and password reset, the health check, the language switch. An unpublished page is a 404
  for everyone (staff preview it in the admin).
- **Signed-in users**: lessons (an anonymous visitor goes to the login page; a learner not
  enrolled in the module is sent back to the module page, ``redirect``; staff read every
  lesson untracked), the dashboard, the profile, password change, enrolment (any signed-in
  user may enrol themselves; staff are never tracked, so it does them no harm).
- **Owner only**: a learner's own enrolment (withdraw), certificate download, lesson
  progress, SCORM launch/navigation/table of contents, binôme project. Objects of others are
  a **404, not a 403** (``notfound``), so their ids reveal nothing; the same goes for staff
  on learner-only endpoints (staff are not tracked) and for promotions or learners a
  trainer does not follow.
- **Staff pages** (the Wagtail admin, ``/admin/``): anonymous visitors go to the login page,
  learners are sent to the home page (``away``, :class:`lms.accounts.middleware.
  AdminAccessMiddleware`), staff are let in by permission (:mod:`lms.accounts.roles`):
  *Formateurs* author curricula and mirror pairs, upload SCORM packages, follow learners
  of the promotions they follow (reports, SCORM tracking, sign-off) and form binômes there;
  *Relecteurs* review and publish content (mirror pairs, SCORM packages); only
  *Administrateurs* manage promotions, enrolments, imports, certificates and their
  templates, e-mail templates, evaluation grids and revocations. A permission refused in the
  admin is Wagtail's redirect to the admin home (counted as ``denied``) or a 403.
- **The content origin** (``content:``): no cookies ever reach it (the middleware strips
  them), so the role does not matter there: the signed content token in the URL decides
  (learner A's token for the runtime and files, a trainer's for the untracked preview).
  Its POSTs fail the CSRF check (403): nothing is written there.
- **The SCORM commit endpoint** is CSRF-exempt (the final commit is a ``sendBeacon``): the
  signed attempt token and the ``Origin`` of the content origin are its proof, whoever the
  cookies belong to.
- **State changes** need a POST with the CSRF token: ``write`` rows answer a GET with 405
  (or change nothing), ``form`` rows show a form on GET and act on POST. The only writes
  on a GET are tracking by design: a learner opening a lesson records it, opening a SCORM
  lesson starts (or resumes) the attempt the page frames.

Reading a row
-------------
``get`` and ``post`` list the outcomes for, in order: anonymous, learner A (who owns the
objects: enrolment, attempt, certificate, binôme with learner C), learner B (another learner
of the same promotion, enrolled in nothing), the Formateur (following the promotion), the
Relecteur, the Administrateur. One word means the same outcome for all six. Outcomes:
``ok`` (2xx, or a 3xx not to the login page), ``login`` (redirect to the login page),
``away`` (an admin URL sending a learner to the home page), ``redirect`` (a page sending its
visitor elsewhere), ``denied`` (403, or Wagtail's redirect to the admin home), ``notfound``
(404), ``method`` (405), ``bad`` (400: the request reached the view, which refused the empty
form). A POST carries a valid CSRF token and no data unless ``data`` says otherwise.

``args`` fill the URL from the test world (:mod:`tests.security.conftest`): an attribute
name is that object's pk (dotted for deeper attributes), ``"=x"`` is the literal ``x``;
in ``data``, ``"@attr"`` is an object's pk. Wagtail's and Django's own admin views (pages,
images, documents, users, settings...) are not listed: their permissions are Wagtail's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OUTCOMES = {"ok", "login", "away", "redirect", "denied", "notfound", "method", "bad"}
ROLE_ORDER = ("anonymous", "learner_a", "learner_b", "trainer", "reviewer", "administrator")


@dataclass(frozen=True)
class Row:
    """What one URL pattern (or page) answers to each role.

    ``kind``: ``read`` (changes nothing whatever the method), ``write`` (changes state on
    POST only), ``form`` (shows a form on GET, changes state on POST).
    """

    kind: str
    get: str
    post: str
    args: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    body: str | None = None
    headers: dict = field(default_factory=dict)
    page: str = ""
    page_suffix: str = ""

    def expected(self, method: str, role: str) -> str:
        words = (self.get if method == "GET" else self.post).split()
        if len(words) == 1:
            return words[0]
        assert len(words) == len(ROLE_ORDER), f"a row needs 1 or 6 outcomes: {words}"
        return words[ROLE_ORDER.index(role)]


MATRIX: dict[str, Row] = {
    "accounts:login": Row("form", get="ok", post="ok"),
    "accounts:logout": Row("write", get="method", post="ok"),
    "accounts:password_change": Row(
        "form", get="login ok ok ok ok ok", post="login ok ok ok ok ok"
    ),
    "accounts:password_change_done": Row(
        "read", get="login ok ok ok ok ok", post="login method method method method method"
    ),
    "accounts:password_reset": Row("form", get="ok", post="ok"),
    "accounts:password_reset_complete": Row("read", get="ok", post="method"),
    "accounts:password_reset_confirm": Row(
        "form", get="ok", post="ok", args={"uidb64": "=MQ", "token": "=bad-token"}
    ),
    "accounts:password_reset_done": Row("read", get="ok", post="method"),
    "binomes:comment_add": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:criteria": Row(
        "form",
        get="login notfound notfound notfound notfound ok",
        post="login notfound notfound notfound notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:criterion_delete": Row(
        "write",
        get="login method method method method method",
        post="login notfound notfound notfound notfound ok",
        args={"pk": "criterion"},
    ),
    "binomes:criterion_edit": Row(
        "form",
        get="login notfound notfound notfound notfound ok",
        post="login notfound notfound notfound notfound ok",
        args={"pk": "criterion"},
    ),
    "binomes:criterion_move": Row(
        "write",
        get="login method method method method method",
        post="login notfound notfound notfound notfound ok",
        args={"pk": "criterion"},
    ),
    "binomes:deliverable_add": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:deliverable_download": Row(
        "read",
        get="login ok notfound ok notfound ok",
        post="login ok notfound ok notfound ok",
        args={"pk": "deliverable"},
    ),
    "binomes:deliverable_remove": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "deliverable"},
    ),
    "binomes:dissolve": Row(
        "write",
        get="login method method method method method",
        post="login notfound notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:evaluation": Row(
        "form",
        get="login ok notfound ok notfound ok",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:index": Row("read", get="login ok ok ok ok ok", post="login ok ok ok ok ok"),
    "binomes:milestone_add": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:milestone_delete": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "milestone"},
    ),
    "binomes:milestone_toggle": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "milestone"},
    ),
    "binomes:pair_create": Row(
        "write",
        get="login method method method method method",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:pairing": Row(
        "form",
        get="login notfound notfound ok notfound ok",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:pairing_confirm": Row(
        "write",
        get="login method method method method method",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:project": Row(
        "read",
        get="login ok notfound ok notfound ok",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:project_complete": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:project_update": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound ok notfound ok",
        args={"pk": "binome"},
    ),
    "binomes:promotion": Row(
        "read",
        get="login ok ok ok notfound ok",
        post="login ok ok ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:report": Row(
        "read",
        get="login notfound notfound ok notfound ok",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:report_export": Row(
        "read",
        get="login notfound notfound ok notfound ok",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion", "extension": "=csv"},
    ),
    "binomes:themes": Row(
        "form",
        get="login method method method method method",
        post="login ok ok ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes:themes_manage": Row(
        "form",
        get="login notfound notfound ok notfound ok",
        post="login notfound notfound ok notfound ok",
        args={"pk": "promotion"},
    ),
    "binomes_curriculum_requirement:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "binomes_curriculum_requirement:delete": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "curriculum_requirement"},
    ),
    "binomes_curriculum_requirement:edit": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "curriculum_requirement"},
    ),
    "binomes_curriculum_requirement:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "curriculum_requirement"},
    ),
    "binomes_curriculum_requirement:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "curriculum_requirement"},
    ),
    "binomes_curriculum_requirement:index": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "binomes_curriculum_requirement:index_results": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "binomes_curriculum_requirement:usage": Row(
        "read",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "curriculum_requirement"},
    ),
    "binomes_requirement:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "binomes_requirement:delete": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "requirement"},
    ),
    "binomes_requirement:edit": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "requirement"},
    ),
    "binomes_requirement:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "requirement"},
    ),
    "binomes_requirement:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "requirement"},
    ),
    "binomes_requirement:index": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "binomes_requirement:index_results": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "binomes_requirement:usage": Row(
        "read",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "requirement"},
    ),
    "certificates:download": Row(
        "read",
        get="login ok notfound notfound notfound notfound",
        post="login method method method method method",
        args={"pk": "certificate"},
    ),
    "certificates:verify": Row("read", get="ok", post="method"),
    "certificates:verify_code": Row(
        "read", get="ok", post="method", args={"code": "certificate.display_code"}
    ),
    "certificates:verify_json": Row(
        "read", get="ok", post="method", args={"code": "certificate.display_code"}
    ),
    "certificates_admin_bulk": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "certificates_admin_bulk_result": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"job_id": "job"},
    ),
    "certificates_admin_detail": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "certificate"},
    ),
    "certificates_admin_index": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "certificates_admin_issue": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "certificates_admin_pdf": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "certificate"},
    ),
    "certificates_admin_reissue": Row(
        "write",
        get="login away away method method method",
        post="login away away denied denied ok",
        args={"pk": "certificate"},
    ),
    "certificates_admin_revoke": Row(
        "write",
        get="login away away method method method",
        post="login away away denied denied ok",
        args={"pk": "certificate"},
    ),
    "certificates_admin_template_preview": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "certificates_templates:delete": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:list": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "certificates_templates:list_results": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "certificates_templates:preview_on_add": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "certificates_templates:preview_on_edit": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "certificate_template"},
    ),
    "certificates_templates:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "certificate_template"},
    ),
    "content:file": Row(
        "read", get="ok", post="denied", args={"token": "content_token", "path": "=index.html"}
    ),
    "content:preview": Row(
        "read", get="ok", post="denied", args={"token": "staff_content_token", "item_id": "sco"}
    ),
    "content:runtime": Row(
        "read",
        get="ok",
        post="denied",
        args={"token": "content_token", "attempt_token": "attempt_token"},
    ),
    "curriculum_mirrorpair:add": Row(
        "form", get="login away away ok ok ok", post="login away away ok ok ok"
    ),
    "curriculum_mirrorpair:delete": Row(
        "form",
        get="login away away ok ok ok",
        post="login away away ok ok ok",
        args={"pk": "mirror_pair"},
    ),
    "curriculum_mirrorpair:edit": Row(
        "form",
        get="login away away ok ok ok",
        post="login away away ok ok ok",
        args={"pk": "mirror_pair"},
    ),
    "curriculum_mirrorpair:history": Row(
        "read",
        get="login away away ok ok ok",
        post="login away away method method method",
        args={"pk": "mirror_pair"},
    ),
    "curriculum_mirrorpair:history_results": Row(
        "read",
        get="login away away ok ok ok",
        post="login away away method method method",
        args={"pk": "mirror_pair"},
    ),
    "curriculum_mirrorpair:index": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "curriculum_mirrorpair:index_results": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "curriculum_mirrorpair:usage": Row(
        "read",
        get="login away away ok ok ok",
        post="login away away method method method",
        args={"pk": "mirror_pair"},
    ),
    "dashboard:home": Row("read", get="login ok ok ok ok ok", post="login ok ok ok ok ok"),
    "enrolment:curriculum_enrol": Row(
        "write",
        get="login method method method method method",
        post="login ok ok ok ok ok",
        args={"curriculum_id": "association_curriculum"},
    ),
    "enrolment:module_enrol": Row(
        "write",
        get="login method method method method method",
        post="login ok ok ok ok ok",
        args={"module_id": "module"},
    ),
    "enrolment:withdraw": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound notfound notfound notfound",
        args={"enrolment_id": "enrolment"},
    ),
    "enrolment_enrol_learner": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "enrolment_enrol_promotion": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "enrolment_enrolment:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "enrolment_enrolment:delete": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "enrolment"},
    ),
    "enrolment_enrolment:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "enrolment"},
    ),
    "enrolment_enrolment:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "enrolment"},
    ),
    "enrolment_enrolment:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "enrolment"},
    ),
    "enrolment_enrolment:index": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "enrolment_enrolment:index_results": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "enrolment_enrolment:inspect": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"pk": "enrolment"},
    ),
    "enrolment_enrolment:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "enrolment"},
    ),
    "enrolment_modulesettings:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "enrolment_modulesettings:delete": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "module_settings"},
    ),
    "enrolment_modulesettings:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "module_settings"},
    ),
    "enrolment_modulesettings:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "module_settings"},
    ),
    "enrolment_modulesettings:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "module_settings"},
    ),
    "enrolment_modulesettings:index": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "enrolment_modulesettings:index_results": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "enrolment_modulesettings:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "module_settings"},
    ),
    "healthz": Row("read", get="ok", post="method"),
    "imports_batch": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"batch_id": "import_batch"},
    ),
    "imports_batch_confirm": Row(
        "write",
        get="login away away method method method",
        post="login away away denied denied ok",
        args={"batch_id": "import_batch"},
    ),
    "imports_upload": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied bad"
    ),
    "jobs_job_detail": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"job_id": "job"},
    ),
    "jobs_job_list": Row("read", get="login away away ok ok ok", post="login away away ok ok ok"),
    "jobs_job_status": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away method method method",
        args={"job_id": "job"},
    ),
    "notifications_emailtemplate:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "notifications_emailtemplate:delete": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "email_template"},
    ),
    "notifications_emailtemplate:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "email_template"},
    ),
    "notifications_emailtemplate:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "email_template"},
    ),
    "notifications_emailtemplate:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "email_template"},
    ),
    "notifications_emailtemplate:index": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "notifications_emailtemplate:index_results": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "notifications_emailtemplate:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "email_template"},
    ),
    "people:profile": Row("form", get="login ok ok ok ok ok", post="login ok ok ok ok ok"),
    "people_learnerprofile:add": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
    ),
    "people_learnerprofile:delete": Row(
        "form",
        get="login away away denied denied denied",
        post="login away away denied denied denied",
        args={"pk": "profile_a"},
    ),
    "people_learnerprofile:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "profile_a"},
    ),
    "people_learnerprofile:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "profile_a"},
    ),
    "people_learnerprofile:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "profile_a"},
    ),
    "people_learnerprofile:index": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "people_learnerprofile:index_results": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "people_learnerprofile:inspect": Row(
        "read",
        get="login away away ok notfound ok",
        post="login away away method notfound method",
        args={"pk": "profile_a"},
    ),
    "people_learnerprofile:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "profile_a"},
    ),
    "people_promotion:add": Row(
        "form", get="login away away denied denied ok", post="login away away denied denied ok"
    ),
    "people_promotion:delete": Row(
        "form",
        get="login away away denied notfound ok",
        post="login away away denied notfound ok",
        args={"pk": "promotion"},
    ),
    "people_promotion:edit": Row(
        "form",
        get="login away away denied denied ok",
        post="login away away denied denied ok",
        args={"pk": "promotion"},
    ),
    "people_promotion:history": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "promotion"},
    ),
    "people_promotion:history_results": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "promotion"},
    ),
    "people_promotion:index": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "people_promotion:index_results": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "people_promotion:inspect": Row(
        "form",
        get="login away away ok notfound ok",
        post="login away away denied notfound ok",
        args={"pk": "promotion"},
    ),
    "people_promotion:remove_member": Row(
        "write",
        get="login away away denied denied method",
        post="login away away denied denied ok",
        args={"pk": "promotion"},
        data={"learner": "@learner_b"},
    ),
    "people_promotion:usage": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "promotion"},
    ),
    "progress:lesson_activity": Row(
        "write",
        get="login method method method method method",
        post="login ok denied denied denied denied",
        args={"lesson_id": "lesson"},
        data={"seconds": "30"},
    ),
    "progress:lesson_done": Row(
        "write",
        get="login method method method method method",
        post="login ok denied denied denied denied",
        args={"lesson_id": "lesson"},
    ),
    "progress_learner_module": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away ok denied ok",
        args={"learner_id": "learner_a", "module_id": "module"},
    ),
    "progress_module_revoke": Row(
        "write",
        get="login away away method method method",
        post="login away away denied denied bad",
        args={"learner_id": "learner_a", "module_id": "module"},
    ),
    "progress_module_signoff": Row(
        "write",
        get="login away away method method method",
        post="login away away ok denied ok",
        args={"learner_id": "learner_a", "module_id": "module"},
    ),
    "reports:learner": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"pk": "learner_a"},
    ),
    "reports:learners": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "reports:learners_export": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"extension": "=csv"},
    ),
    "reports:matrix": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "reports:matrix_export": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"extension": "=csv"},
    ),
    "scorm:commit": Row(
        "write",
        get="denied",
        post="ok",
        args={"token": "attempt_token"},
        body='{"cmi.session": 1}',
        headers={"Origin": "http://localhost"},
    ),
    "scorm_package_chooser:choose": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "scorm_package_chooser:choose_results": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "scorm_package_chooser:chosen": Row(
        "read",
        get="login away away ok ok ok",
        post="login away away method method method",
        args={"pk": "package"},
    ),
    "scorm_package_chooser:chosen_multiple": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "scorm_package_chooser:create": Row(
        "read",
        get="login away away notfound notfound notfound",
        post="login away away notfound notfound notfound",
    ),
    "scorm_packages:add": Row(
        "form", get="login away away ok ok ok", post="login away away bad bad bad"
    ),
    "scorm_packages:add_version": Row(
        "form",
        get="login away away ok ok ok",
        post="login away away bad bad bad",
        args={"pk": "package"},
    ),
    "scorm_packages:detail": Row(
        "read",
        get="login away away ok ok ok",
        post="login away away method method method",
        args={"pk": "package"},
    ),
    "scorm_packages:index": Row(
        "read", get="login away away ok ok ok", post="login away away method method method"
    ),
    "scorm_player:launch": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound notfound notfound notfound",
        args={"lesson_id": "scorm_lesson"},
    ),
    "scorm_player:navigate": Row(
        "write",
        get="login method method method method method",
        post="login ok notfound notfound notfound notfound",
        args={"lesson_id": "scorm_lesson"},
        data={"request": "continue"},
    ),
    "scorm_player:toc": Row(
        "read",
        get="login ok notfound notfound notfound notfound",
        post="login method method method method method",
        args={"lesson_id": "scorm_lesson"},
    ),
    "scorm_tracking:attempt": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"pk": "attempt"},
    ),
    "scorm_tracking:grant": Row(
        "write",
        get="login away away method denied method",
        post="login away away ok denied ok",
        args={"lesson_id": "scorm_lesson", "learner_id": "learner_a"},
    ),
    "scorm_tracking:lesson": Row(
        "read",
        get="login away away ok denied ok",
        post="login away away method denied method",
        args={"lesson_id": "scorm_lesson"},
    ),
    "scorm_tracking:lessons": Row(
        "read", get="login away away ok denied ok", post="login away away method denied method"
    ),
    "set_language": Row("write", get="ok", post="ok", data={"language": "en", "next": "/"}),
    "wagtailsnippetchoosers_certificates_certificatetemplate:choose": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "wagtailsnippetchoosers_certificates_certificatetemplate:choose_results": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "wagtailsnippetchoosers_certificates_certificatetemplate:chosen": Row(
        "read",
        get="login away away denied denied ok",
        post="login away away denied denied method",
        args={"pk": "certificate_template"},
    ),
    "wagtailsnippetchoosers_certificates_certificatetemplate:chosen_multiple": Row(
        "read", get="login away away denied denied ok", post="login away away denied denied method"
    ),
    "wagtailsnippetchoosers_certificates_certificatetemplate:create": Row(
        "read",
        get="login away away denied denied notfound",
        post="login away away denied denied notfound",
    ),
}

PAGES: dict[str, Row] = {
    "page:home": Row("read", get="ok", post="ok", page="home"),
    "page:curriculum_index": Row("read", get="ok", post="ok", page="index"),
    "page:mirror": Row("read", get="ok", post="ok", page="index", page_suffix="miroir/"),
    "page:curriculum": Row("read", get="ok", post="ok", page="association_curriculum"),
    "page:module": Row("read", get="ok", post="ok", page="module"),
    "page:draft_module": Row("read", get="notfound", post="notfound", page="draft_module"),
    "page:lesson": Row(
        "read", get="login ok redirect ok ok ok", post="login ok redirect ok ok ok", page="lesson"
    ),
    "page:scorm_lesson": Row(
        "read",
        get="login ok redirect ok ok ok",
        post="login ok redirect ok ok ok",
        page="scorm_lesson",
    ),
    "page:legal": Row("read", get="ok", post="ok", page="legal_page"),
    "page:accessibility": Row("read", get="ok", post="ok", page="accessibility_page"),
}
