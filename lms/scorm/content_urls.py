"""URLs of the content origin (filled by the playback work)."""

urlpatterns: list = []
