"""SCORM 1.2 and 2004: package import, isolated playback, reliable tracking.

How the parts fit (one concern per module):

- ``manifest``: parses ``imsmanifest.xml`` (no DTD, no entities) into plain dataclasses:
  version, default organization, item tree, resources, per-item runtime data, sequencing.
- ``archive``: inspects and extracts an uploaded zip safely (paths, symlinks, counts,
  sizes, ratios measured on inflated bytes) into Django storage.
- ``importer`` (services ``scorm_package_import``): the one way to create a package
  version: nothing written when anything is refused.
- ``models``: :class:`ScormPackage` (what trainers manage) and its immutable
  :class:`ScormPackageVersion` s, the :class:`ScormItem` tree of a version,
  :class:`ScormAttempt` (learner × lesson × SCO × attempt number) and
  :class:`ScormRegistration` (learner × lesson: sequencing state, global objectives).
- ``cmi``: pure functions on the data model: time formats, status evaluation, merges.
- ``services``: attempts (start/resume, commit, grant), feeding the progress service.
- ``sequencing``: which SCOs are available (1.2 prerequisites, 2004 rules).
- ``origins`` and ``tokens``: the separate content origin and the signed tokens that open
  it (content path prefix) and that authorise an attempt's commits.
- ``content_views`` / ``content_urls``: what the content origin serves (package files,
  the runtime wrapper page); ``views`` / ``urls``: the LMS-side endpoints (commit).
- ``pages``: :class:`ScormLessonPage`, a lesson of a module that plays one package.
"""
