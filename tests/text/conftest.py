"""Fixtures for the text-reading tests: PDFs built on the fly with fpdf2 and pypdf."""
import io

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def build_pdf(pages: list[str], title: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    # RC4 needs no extra crypto package; AES would need `cryptography`
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret",
                   algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def make_pdf():
    return build_pdf


@pytest.fixture
def make_encrypted_pdf():
    return encrypt_pdf
