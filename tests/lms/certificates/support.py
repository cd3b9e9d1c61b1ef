"""Reading certificate PDFs back: text, metadata, structure, and the QR code."""

from __future__ import annotations

import io

import pypdf


def pdf_reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed."""
    reader = pdf_reader(pdf)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def qr_codes(pdf: bytes, *, scale: float = 4) -> list[str]:
    """The QR codes read on the first page, rasterised by pdfium and decoded by zxing-cpp."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]
