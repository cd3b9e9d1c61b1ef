"""Benchmark of certificate rendering: ``certificate_render_ms``, the median time to render
one certificate (WeasyPrint, PDF/UA-1, QR code, fonts subset and embedded) with a warm
:class:`~lms.certificates.rendering.CertificateRenderer` (font configuration, parsed
stylesheets and files kept between renders): the floor of any issuing path.

Each run renders a different learner and code, as a bulk issuance does.
"""

from __future__ import annotations

import itertools

from lms.certificates.rendering import CertificateRenderer
from lms.certificates.services import sample_snapshot
from tests.benchmarks.support import emit, median_ms, median_ms_interleaved, note

RUNS = 41
BATCH = 10
BATCH_RUNS = 9

DATA = {
    "kind": "module",
    "title_fr": "Attestation de formation",
    "title_en": "Certificate of training",
    "body_fr": (
        "Nous certifions que {nom_complet} a suivi le module « {module} » du parcours "
        "« {curriculum} » ({heures} heures), achevé le {date_fin}.\n\n"
        "Promotion : {promotion}. Attestation émise le {date_emission}."
    ),
    "body_en": "{nom_complet} followed “{module}”.",
    "signatory_name": "Jeanne Martin",
    "signatory_role_fr": "Directrice de la formation",
    "signatory_role_en": "Head of training",
    "primary_colour": "#000091",
    "accent_colour": "#E1000F",
    "images": {},
}


def test_certificate_render_ms():
    renderer = CertificateRenderer()
    names = itertools.cycle(
        [("Camille", "Dupont-Lefèvre"), ("Éloïse", "d'Aubigné"), ("Jean-Baptiste", "N'Diaye")]
    )
    counter = itertools.count()

    def render_one() -> bytes:
        first, last = next(names)
        snapshot = sample_snapshot(kind="module", language="fr")
        snapshot["holder"] = f"{first} {last} {next(counter)}"
        snapshot["values"]["nom_complet"] = snapshot["holder"]
        return renderer.render(data=DATA, snapshot=snapshot)

    size = len(render_one())
    value = median_ms(render_one, runs=RUNS, warmups=3)
    note(f"certificate PDF of {size} bytes; median of {RUNS} warm renders")
    emit("certificate_render_ms", value, "ms")


def test_certificate_render_batch_ms():
    """``certificate_render_batch_ms``: the same certificates rendered as the bulk workers
    do, ten to a document (one PDF a page); per certificate, compared to one at a time."""
    renderer = CertificateRenderer()
    counter = itertools.count()

    def snapshots(size: int) -> list[dict]:
        result = []
        for _ in range(size):
            snapshot = sample_snapshot(kind="module", language="fr")
            snapshot["holder"] = f"Camille Dupont-Lefèvre {next(counter)}"
            snapshot["values"]["nom_complet"] = snapshot["holder"]
            result.append(snapshot)
        return result

    def one_by_one() -> None:
        for snapshot in snapshots(BATCH):
            renderer.render(data=DATA, snapshot=snapshot)

    def batch() -> None:
        renderer.render_many(data=DATA, snapshots=snapshots(BATCH))

    medians = median_ms_interleaved({"one": one_by_one, "batch": batch}, runs=BATCH_RUNS)
    note(f"{BATCH} certificates one by one, then as one batch, taking turns ({BATCH_RUNS} runs)")
    emit(
        "certificate_render_batch_ms",
        round(medians["batch"] / BATCH, 2),
        "ms",
        baseline=round(medians["one"] / BATCH, 2),
    )
