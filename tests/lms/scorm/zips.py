"""Build SCORM zips for tests: well-formed, odd and hostile ones.

- :func:`build_zip` makes a zip (bytes) from ``{path: content}``; entries may be
  :class:`Entry` for a symlink, a compression method or raw unix mode bits.
- :func:`minimal_manifest_12` / :func:`minimal_manifest_2004` write manifests with one
  SCO each by default (``items=`` for more), :func:`minimal_package_12` and
  :func:`minimal_package_2004` whole packages (manifest + launch files).
- :func:`patch_declared_size` makes a zip whose headers lie about an entry's size;
  :func:`many_entries_zip` a zip with (tens of) thousands of entries, quickly.
- :func:`sample_path` and :func:`SAMPLES` point at the real packages of
  ``/work/shared/scorm-samples`` (or ``$SCORM_SAMPLES_DIR``).
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def _samples_dir() -> Path:
    """The real sample packages: ``$SCORM_SAMPLES_DIR``, else ``../shared/scorm-samples``
    beside the checkout, else the workplace's ``/work/shared/scorm-samples``."""
    if os.environ.get("SCORM_SAMPLES_DIR"):
        return Path(os.environ["SCORM_SAMPLES_DIR"])
    beside = Path(__file__).resolve().parents[3].parent / "shared" / "scorm-samples"
    return beside if beside.is_dir() else Path("/work/shared/scorm-samples")


SAMPLES = _samples_dir()


def sample_path(name: str) -> Path:
    """The path of a sample package by its number or file name (``"03"`` or the name)."""
    if name.endswith(".zip"):
        return SAMPLES / name
    matches = sorted(SAMPLES.glob(f"{name}-*.zip"))
    assert matches, f"no sample {name} in {SAMPLES}"
    return matches[0]


@dataclass
class Entry:
    """A zip entry with options: ``symlink`` (content = target), ``mode`` (unix mode bits),
    ``compress`` (``zipfile.ZIP_STORED`` / ``ZIP_DEFLATED``), ``utf8_flag`` (False to write
    a non-ASCII name without the UTF-8 flag, as some zip tools do)."""

    content: bytes | str = b""
    symlink: bool = False
    mode: int | None = None
    compress: int = zipfile.ZIP_DEFLATED
    utf8_flag: bool = True


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def build_zip(
    files: dict[str, bytes | str | Entry],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    directories: tuple[str, ...] = (),
) -> bytes:
    """A zip (bytes) holding ``files`` in order; names are written exactly as given
    (``../x``, ``/etc/x``, ``C:/x``, ``a\\b`` included)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for directory in directories:
            info = zipfile.ZipInfo(directory.rstrip("/") + "/", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
            archive.writestr(info, b"")
        for name, value in files.items():
            entry = value if isinstance(value, Entry) else Entry(content=value)
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = entry.compress if isinstance(value, Entry) else compression
            if entry.symlink:
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            elif entry.mode is not None:
                info.create_system = 3
                info.external_attr = entry.mode << 16
            else:
                info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, _bytes(entry.content))
    data = buffer.getvalue()
    for name, value in files.items():
        if isinstance(value, Entry) and not value.utf8_flag and not name.isascii():
            data = _clear_utf8_flag(data, name)
    return data


def _clear_utf8_flag(data: bytes, name: str) -> bytes:
    """Clear the UTF-8 flag (bit 11) of ``name`` in both headers (the name bytes stay UTF-8)."""
    raw = bytearray(data)
    encoded = name.encode("utf-8")
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            if signature == b"PK\x03\x04":
                name_length = struct.unpack_from("<H", raw, start + 26)[0]
            else:
                name_length = struct.unpack_from("<H", raw, start + 28)[0]
            if bytes(raw[start + name_offset : start + name_offset + name_length]) == encoded:
                flags = struct.unpack_from("<H", raw, start + flag_offset)[0]
                struct.pack_into("<H", raw, start + flag_offset, flags & ~0x800)
            start += 4
    return bytes(raw)


def patch_declared_size(data: bytes, name: str, declared: int) -> bytes:
    """The zip ``data`` with ``name``'s uncompressed size set to ``declared`` in both the
    local header and the central directory (a header that lies)."""
    raw = bytearray(data)
    encoded = name.encode("utf-8")
    found = 0
    # Local file header: size at +22, name length at +26, name at +30.
    start = 0
    while (start := raw.find(b"PK\x03\x04", start)) >= 0:
        name_length = struct.unpack_from("<H", raw, start + 26)[0]
        if bytes(raw[start + 30 : start + 30 + name_length]) == encoded:
            struct.pack_into("<I", raw, start + 22, declared)
            found += 1
        start += 4
    # Central directory header: size at +24, name length at +28, name at +46.
    start = 0
    while (start := raw.find(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", raw, start + 28)[0]
        if bytes(raw[start + 46 : start + 46 + name_length]) == encoded:
            struct.pack_into("<I", raw, start + 24, declared)
            found += 1
        start += 4
    assert found == 2, f"{name} not found in both headers"
    return bytes(raw)


def many_entries_zip(count: int, *, with_manifest: bool = True) -> bytes:
    """A zip of ``count`` empty stored entries (plus a manifest), built quickly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        if with_manifest:
            archive.writestr("imsmanifest.xml", minimal_manifest_12())
            archive.writestr("index.html", "<p>ok</p>")
        for number in range(count):
            archive.writestr(f"f/{number}.txt", b"")
    return buffer.getvalue()


# Manifests --------------------------------------------------------------------------------

NS_CP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_CP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"


@dataclass
class Item:
    """An item of a test manifest: ``href`` makes a resource for it (``scormtype``),
    ``children`` nests items, ``extra`` is raw XML placed inside ``<item>``."""

    identifier: str
    title: str
    href: str | None = None
    scormtype: str = "sco"
    children: tuple[Item, ...] = ()
    parameters: str | None = None
    visible: bool = True
    extra: str = ""
    resource: str | None = None  # identifierref (defaults to "res_<identifier>")


def _items_xml(items: tuple[Item, ...] | list[Item], indent: str = "      ") -> str:
    lines = []
    for item in items:
        attributes = [f"identifier={quoteattr(item.identifier)}"]
        if item.href is not None or item.resource is not None:
            attributes.append(
                f"identifierref={quoteattr(item.resource or 'res_' + item.identifier)}"
            )
        if not item.visible:
            attributes.append('isvisible="false"')
        if item.parameters is not None:
            attributes.append(f"parameters={quoteattr(item.parameters)}")
        lines.append(f"{indent}<item {' '.join(attributes)}>")
        lines.append(f"{indent}  <title>{escape(item.title)}</title>")
        if item.extra:
            lines.append(indent + "  " + item.extra)
        if item.children:
            lines.append(_items_xml(item.children, indent + "  "))
        lines.append(f"{indent}</item>")
    return "\n".join(lines)


def _walk(items) -> list[Item]:
    result = []
    for item in items:
        result.append(item)
        result.extend(_walk(item.children))
    return result


def _resources_xml(items, *, scormtype_attr: str, base: str = "") -> str:
    lines = []
    for item in _walk(items):
        if item.href is None or item.resource is not None:
            continue
        base_attr = f" xml:base={quoteattr(base)}" if base else ""
        lines.append(
            f"    <resource identifier={quoteattr('res_' + item.identifier)} "
            f'type="webcontent" {scormtype_attr}="{item.scormtype}" '
            f"href={quoteattr(item.href)}{base_attr}>"
        )
        lines.append(f"      <file href={quoteattr(item.href.split('?')[0])}/>")
        lines.append("    </resource>")
    return "\n".join(lines)


def minimal_manifest_12(
    *,
    title: str = "Cours de test",
    items: tuple[Item, ...] | list[Item] | None = None,
    schemaversion: str | None = "1.2",
    extra_resources: str = "",
    resources_base: str = "",
    manifest_base: str = "",
    prolog: str = '<?xml version="1.0" encoding="UTF-8"?>',
) -> str:
    """A SCORM 1.2 manifest (one SCO ``index.html`` by default)."""
    items = items if items is not None else (Item("item_1", "Leçon 1", href="index.html"),)
    metadata = (
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion>"
        "</metadata>"
        if schemaversion
        else ""
    )
    manifest_base_attr = f" xml:base={quoteattr(manifest_base)}" if manifest_base else ""
    resources_base_attr = f" xml:base={quoteattr(resources_base)}" if resources_base else ""
    return f"""{prolog}
<manifest identifier="test_manifest" version="1"{manifest_base_attr}
    xmlns="{NS_CP_12}" xmlns:adlcp="{NS_ADLCP_12}">
  {metadata}
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>{escape(title)}</title>
{_items_xml(items)}
    </organization>
  </organizations>
  <resources{resources_base_attr}>
{_resources_xml(items, scormtype_attr="adlcp:scormtype")}
{extra_resources}
  </resources>
</manifest>
"""


def minimal_manifest_2004(
    *,
    title: str = "Cours de test 2004",
    items: tuple[Item, ...] | list[Item] | None = None,
    schemaversion: str | None = "2004 4th Edition",
    organization_extra: str = "",
    extra_resources: str = "",
    sequencing_collection: str = "",
) -> str:
    """A SCORM 2004 manifest (one SCO ``index.html`` by default)."""
    items = items if items is not None else (Item("item_1", "Leçon 1", href="index.html"),)
    metadata = (
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion>"
        "</metadata>"
        if schemaversion
        else ""
    )
    collection = (
        f"<imsss:sequencingCollection>{sequencing_collection}</imsss:sequencingCollection>"
        if sequencing_collection
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test_manifest_2004" version="1"
    xmlns="{NS_CP_2004}" xmlns:adlcp="{NS_ADLCP_2004}" xmlns:imsss="{NS_IMSSS}"
    xmlns:adlseq="{NS_ADLSEQ}" xmlns:adlnav="{NS_ADLNAV}">
  {metadata}
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>{escape(title)}</title>
{_items_xml(items)}
      {organization_extra}
    </organization>
  </organizations>
  <resources>
{_resources_xml(items, scormtype_attr="adlcp:scormType")}
{extra_resources}
  </resources>
  {collection}
</manifest>
"""


def minimal_package_12(manifest: str | None = None, **files: bytes | str) -> bytes:
    """A whole SCORM 1.2 package: the manifest and ``index.html`` (plus ``files``)."""
    return build_zip(
        {
            "imsmanifest.xml": manifest or minimal_manifest_12(),
            "index.html": "<html><body>Leçon</body></html>",
            **files,
        }
    )


def minimal_package_2004(manifest: str | None = None, **files: bytes | str) -> bytes:
    """A whole SCORM 2004 package: the manifest and ``index.html`` (plus ``files``)."""
    return build_zip(
        {
            "imsmanifest.xml": manifest or minimal_manifest_2004(),
            "index.html": "<html><body>Leçon</body></html>",
            **files,
        }
    )


# Storage ----------------------------------------------------------------------------------


def stored_files(storage, root: str = "scorm") -> list[str]:
    """Every file under ``root`` in ``storage`` (recursively, sorted); works on storages
    without ``.path()`` (in-memory)."""
    found: list[str] = []
    try:
        directories, files = storage.listdir(root)
    except (FileNotFoundError, NotADirectoryError):
        return found
    found.extend(f"{root}/{name}" for name in files)
    for directory in directories:
        found.extend(stored_files(storage, f"{root}/{directory}"))
    return sorted(found)


def use_memory_storage(settings):
    """Switch the default storage to Django's in-memory one (no ``.path()``) for a test
    (``settings`` is pytest-django's fixture); returns the storage."""
    from django.core.files.storage import default_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage
