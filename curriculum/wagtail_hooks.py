"""Admin wiring of the curricula: the mirror pairs viewset."""

from wagtail import hooks

from curriculum.viewsets import mirror_pair_viewset


@hooks.register("register_admin_viewset")
def register_mirror_pair_viewset():
    return mirror_pair_viewset
