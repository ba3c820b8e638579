"""PDF/A-3b with the signed XML inside: read back byte-identical, declared part 3, validated."""

from __future__ import annotations

import io

import pikepdf
import pikepdf.pdfa
import pypdfium2
import pytest
from lxml import etree
from reportlab.pdfgen import canvas

from otop_pos.etax.pdfa import DOCUMENT_TYPE_NAMES, ETDA_NS, PdfA3Error, embed_xml, read_embedded
from otop_pos.etax.signing import sign_xml, verify_xml
from otop_pos.etax.xml import build_xml
from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts

NAME = "ETDA-invoice.xml"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def small_pdf(embedded_font: bool = True) -> bytes:
    """One page from reportlab; Sarabun (a TTF, embedded as a subset) unless told otherwise."""
    regular, _ = register_pdf_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=regular if embedded_font else None)
    c.drawString(72, 720, "ใบเสร็จรับเงิน/ใบกำกับภาษี INV-2568-000123  761.00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture
def signed_xml(make_doc, make_p12) -> bytes:
    path, _ = make_p12()
    return sign_xml(build_xml(make_doc()), path, b"rahat-1234")


@pytest.fixture
def pdfa(signed_xml) -> bytes:
    return embed_xml(
        small_pdf(), signed_xml, NAME, document_type=DOCUMENT_TYPE_NAMES["T03"], title="ใบกำกับภาษี"
    )


def xmp(pdf: pikepdf.Pdf) -> etree._Element:
    return etree.fromstring(pdf.Root.Metadata.read_bytes())


def test_embedded_xml_reads_back_identical(pdfa, signed_xml):
    with pikepdf.open(io.BytesIO(pdfa)) as pdf:
        assert list(pdf.attachments) == [NAME]
        assert pdf.attachments[NAME].get_file().read_bytes() == signed_xml
    assert read_embedded(pdfa, NAME) == signed_xml
    assert verify_xml(read_embedded(pdfa, NAME)) is True


def test_second_reader_pdfium_sees_the_same_file(pdfa, signed_xml):
    doc = pypdfium2.PdfDocument(pdfa)
    try:
        assert len(doc) == 1
        assert doc.count_attachments() == 1
        attachment = doc.get_attachment(0)
        assert attachment.get_name() == NAME
        assert bytes(attachment.get_data()) == signed_xml
    finally:
        doc.close()


def test_associated_file_entries(pdfa):
    with pikepdf.open(io.BytesIO(pdfa)) as pdf:
        spec = pdf.attachments[NAME].obj
        af = pdf.Root.AF
        assert len(af) == 1 and af[0].is_indirect and af[0].objgen == spec.objgen
        assert spec.AFRelationship == pikepdf.Name.Alternative  # as ETDA's e-Tax PDF generator
        assert str(spec.UF) == str(spec.F) == NAME
        stream = spec.EF.F
        assert stream.Subtype == pikepdf.Name("/text/xml")
        assert "/ModDate" in stream.Params


def test_xmp_declares_pdfa_part_3b(pdfa):
    with pikepdf.open(io.BytesIO(pdfa)) as pdf:
        meta = xmp(pdf)
        assert pdf.pdf_version >= "1.4"
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == pikepdf.Name.GTS_PDFA1
        assert "/DestOutputProfile" in intents[0]
    assert meta.findtext(f".//{{{PDFAID}}}part") == "3"
    assert meta.findtext(f".//{{{PDFAID}}}conformance") == "B"
    assert meta.findtext(f".//{{{ETDA_NS}}}DocumentFileName") == NAME
    assert meta.findtext(f".//{{{ETDA_NS}}}DocumentType") == "Tax Invoice"
    assert meta.findtext(f".//{{{ETDA_NS}}}Version") == "2.0"
    assert meta.findtext(".//{http://www.aiim.org/pdfa/ns/schema#}namespaceURI") == ETDA_NS
    declared = meta.findall(".//{http://www.aiim.org/pdfa/ns/property#}name")
    assert [d.text for d in declared] == ["DocumentFileName", "DocumentType", "Version"]
    assert meta.findtext(".//{http://purl.org/dc/elements/1.1/}title/*/*") == "ใบกำกับภาษี"


def test_validator_passes_without_etda_extension(signed_xml):
    data = embed_xml(small_pdf(), signed_xml, NAME, etda_metadata=False)
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "3b")
    assert report.passed, report.findings


def test_etda_extension_is_the_only_validator_finding(pdfa):
    report = pikepdf.pdfa.validate_written(io.BytesIO(pdfa), "3b")
    messages = [f.message for f in report.findings]
    assert messages, "the validator is expected to flag the custom ETDA schema"
    assert all(m.startswith(("XMP property", "XMP namespace")) for m in messages), messages
    ours = ("rsm:", "rsm=", "pdfaExtension", "pdfaSchema", "pdfaProperty")
    assert all(any(p in m for p in ours) for m in messages), messages


def test_unembedded_font_is_refused(signed_xml):
    with pytest.raises(PdfA3Error) as err:
        embed_xml(small_pdf(embedded_font=False), signed_xml, NAME)
    assert "ฟอนต์" in str(err.value)
    assert any("font" in f.lower() for f in err.value.findings)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"filename": "invoice.txt"}, ".xml"),
        ({"filename": "../x.xml"}, ".xml"),
        ({"relationship": "Supplement"}, "ความสัมพันธ์"),
    ],
)
def test_bad_arguments(signed_xml, kwargs, fragment):
    args = {"filename": NAME, **kwargs}
    with pytest.raises(PdfA3Error, match=fragment.replace(".", r"\.")):
        embed_xml(small_pdf(), signed_xml, **args)


def test_not_a_pdf(signed_xml):
    with pytest.raises(PdfA3Error, match="PDF"):
        embed_xml(b"%PDF-garbage", signed_xml, NAME)


@pytest.mark.parametrize("relationship", ["Data", "Source"])
def test_other_relationships_are_possible(signed_xml, relationship):
    data = embed_xml(small_pdf(), signed_xml, NAME, relationship=relationship, etda_metadata=False)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.attachments[NAME].obj.AFRelationship == pikepdf.Name("/" + relationship)
