"""Wagtail app holding the mirrored curricula: curriculum, module and lesson pages, mirrors."""
