"""Admin wiring of learners and promotions: permission policies and viewsets."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lms.people.models import LearnerProfile, Promotion
from lms.people.permissions import LearnerProfilePermissionPolicy, PromotionPermissionPolicy
from lms.people.viewsets import learner_profile_viewset, promotion_viewset

# Registered before the viewsets so that no fallback policy is created for these models.
register_permission_policy(Promotion, PromotionPermissionPolicy(Promotion))
register_permission_policy(LearnerProfile, LearnerProfilePermissionPolicy(LearnerProfile))


@hooks.register("register_admin_viewset")
def register_promotion_viewset():
    return promotion_viewset


@hooks.register("register_admin_viewset")
def register_learner_profile_viewset():
    return learner_profile_viewset
