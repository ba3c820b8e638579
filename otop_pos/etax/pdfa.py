"""PDF/A-3b with the e-Tax XML inside, as an associated file.

reportlab (open-source 5.x) writes neither PDF/A nor associated files, so the
PDF it makes is finished here with pikepdf: the XML goes in as an embedded
file listed in the catalog's /AF array with /AFRelationship, pikepdf.pdfa
adds the sRGB output intent and the PDF/A-3 XMP identification, and the
written bytes are checked by pikepdf's PDF/A-3b validator (built from the
veraPDF rules). ETDA's e-Tax PDF generator then declares an XMP extension
schema (DocumentFileName / DocumentType / Version); the validator cannot
judge custom schemas, so that step comes last and only its own findings
are tolerated.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import pikepdf
import pikepdf.pdfa
from lxml import etree
from pikepdf.models.metadata import encode_pdf_date

FLAVOUR = "3b"
RELATIONSHIPS = frozenset({"Source", "Data", "Alternative"})
DEFAULT_FILENAME = "ETDA-invoice.xml"  # the name ETDA's e-Tax PDF generator uses
# ETDA e-TaxInvoice-PDFgen, Resources/EDocument_PDFAExtensionSchema.xml
ETDA_NS = "urn:etda:uncefact:data:standard:Invoice_CrossIndustryInvoice:2#"
ETDA_PREFIX = "rsm"
ETDA_SCHEMA_NAME = "Electronic Tax Invoice PDFA Extension Schema"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EXT_NS = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
_ETDA_PROPERTIES = (
    ("DocumentFileName", "Name of the embedded XML invoice file"),
    ("DocumentType", "Type of the document"),
    ("Version", "Version of the ETDA XML data"),
)
# ETDA's generator passes "Tax Invoice", "Credit Note", "Debit Note"; the
# abbreviated and receipt names are our guess in the same style.
DOCUMENT_TYPE_NAMES = {
    "388": "Tax Invoice",
    "T02": "Tax Invoice",
    "T03": "Tax Invoice",
    "T05": "Abbreviated Tax Invoice",
    "T06": "Abbreviated Tax Invoice",
    "T01": "Receipt",
    "81": "Credit Note",
}


class PdfA3Error(ValueError):
    """The PDF could not be made PDF/A-3b; ``str()`` is Thai, ``.english`` and ``.findings`` for logs."""

    def __init__(self, message: str, english: str, findings: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.english = english
        self.findings = findings


def _findings(report: Any) -> tuple[str, ...]:
    return tuple(f"{f.rule} {f.where}: {f.message}" for f in report.findings)


def _open(pdf_bytes: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(pdf_bytes))
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        raise PdfA3Error("ไฟล์ PDF เสียหายหรือไม่ใช่ PDF", f"not a readable PDF: {exc}") from exc


def _drop_empty_transitions(pdf: pikepdf.Pdf) -> None:
    """reportlab writes an empty /Trans on every page; it means nothing and the validator balks."""
    for page in pdf.pages:
        trans = page.obj.get("/Trans")
        if isinstance(trans, pikepdf.Dictionary) and len(trans.keys()) == 0:
            del page.obj["/Trans"]


_SHOW_TEXT = {"Tj", "TJ", "'", '"'}


def _drop_unused_fonts(pdf: pikepdf.Pdf) -> None:
    """Remove fonts a page selects but never draws with (reportlab's opening Helvetica).

    PDF/A wants every font embedded; reportlab starts each page with
    ``/F1 12 Tf`` of its default Helvetica, which draws no glyph. reportlab
    gives every page the same resource dictionary, so each page that drops a
    font gets its own copy first: deleting from the shared one took a font
    away from the pages that draw with it (a multi-page invoice failed).
    """
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        fonts = resources.get("/Font")
        if not isinstance(fonts, pikepdf.Dictionary):
            continue
        ops = pikepdf.parse_content_stream(page)
        used: set[str] = set()
        current = None
        for operands, op in ops:
            if str(op) == "Tf":
                current = str(operands[0])
            elif str(op) in _SHOW_TEXT and current is not None:
                used.add(current)
        unused = {str(k) for k in fonts} - used
        if not unused:
            continue
        kept = [
            (operands, op)
            for operands, op in ops
            if not (str(op) == "Tf" and str(operands[0]) in unused)
        ]
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        own = pikepdf.Dictionary({str(k): v for k, v in resources.items()})
        own.Font = pikepdf.Dictionary({str(k): v for k, v in fonts.items() if str(k) not in unused})
        page.obj.Resources = own


def _attach(
    pdf: pikepdf.Pdf, xml_bytes: bytes, filename: str, relationship: str, when: datetime
) -> None:
    stamp = encode_pdf_date(when)
    spec = pikepdf.AttachedFileSpec(  # type: ignore[call-arg]  # stubs lag: relationship exists
        pdf,
        xml_bytes,
        description="Tax Invoice XML Data",
        filename=filename,
        mime_type="text/xml",
        creation_date=stamp,
        mod_date=stamp,
        relationship=pikepdf.Name("/" + relationship),
    )
    pdf.attachments[filename] = spec
    obj = pikepdf.NameTree(pdf.Root.Names.EmbeddedFiles)[filename]  # the indirect filespec itself
    if not obj.is_indirect:
        raise PdfA3Error("แนบไฟล์ XML ไม่สำเร็จ", "the embedded file specification is not indirect")
    # pikepdf >= 9 lists a file with a relationship in /AF itself; make sure, once.
    af = pdf.Root.get("/AF")
    items = list(af) if isinstance(af, pikepdf.Array) else []
    if not any(item.is_indirect and item.objgen == obj.objgen for item in items):
        items.append(obj)
    pdf.Root.AF = pikepdf.Array(items)


def _etda_description(values: dict[str, str]) -> list[etree._Element]:
    """The ETDA extension schema declaration and its values, as two rdf:Descriptions."""
    rdf = f"{{{RDF_NS}}}"
    ext, sch, prop = (f"{{{EXT_NS[p]}}}" for p in ("pdfaExtension", "pdfaSchema", "pdfaProperty"))
    decl = etree.Element(f"{rdf}Description", {f"{rdf}about": ""}, nsmap={"rdf": RDF_NS, **EXT_NS})
    bag = etree.SubElement(etree.SubElement(decl, f"{ext}schemas"), f"{rdf}Bag")
    schema = etree.SubElement(bag, f"{rdf}li", {f"{rdf}parseType": "Resource"})
    etree.SubElement(schema, f"{sch}schema").text = ETDA_SCHEMA_NAME
    etree.SubElement(schema, f"{sch}namespaceURI").text = ETDA_NS
    etree.SubElement(schema, f"{sch}prefix").text = ETDA_PREFIX
    seq = etree.SubElement(etree.SubElement(schema, f"{sch}property"), f"{rdf}Seq")
    for name, text in _ETDA_PROPERTIES:
        item = etree.SubElement(seq, f"{rdf}li", {f"{rdf}parseType": "Resource"})
        for key, value in (
            ("name", name),
            ("valueType", "Text"),
            ("category", "external"),
            ("description", text),
        ):
            etree.SubElement(item, f"{prop}{key}").text = value
    data = etree.Element(
        f"{rdf}Description", {f"{rdf}about": ""}, nsmap={"rdf": RDF_NS, ETDA_PREFIX: ETDA_NS}
    )
    for name, value in values.items():
        etree.SubElement(data, f"{{{ETDA_NS}}}{name}").text = value
    return [decl, data]


_OUR_PREFIXES = (ETDA_PREFIX, *EXT_NS)
_OUR_URIS = (ETDA_NS, *EXT_NS.values())


def _ours(message: str) -> bool:
    """True for a finding only about the ETDA extension schema (the validator knows no custom schemas)."""
    prop = re.fullmatch(r"XMP property (\w+):\w+ is not permitted", message)
    space = re.fullmatch(r"XMP namespace (\w+)=(\S+) is not permitted", message)
    return bool(prop and prop[1] in _OUR_PREFIXES) or bool(space and space[2] in _OUR_URIS)


def _add_etda_xmp(pdf_bytes: bytes, save_kwargs: dict[str, Any], values: dict[str, str]) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        stream = pdf.Root.Metadata
        root = etree.fromstring(stream.read_bytes(), parser=etree.XMLParser(resolve_entities=False))
        rdf_root = root.find(f"{{{RDF_NS}}}RDF")
        if rdf_root is None:
            raise PdfA3Error("ข้อมูล XMP ของ PDF ไม่ถูกต้อง", "XMP packet has no rdf:RDF")
        for node in _etda_description(values):
            rdf_root.append(node)
        stream.write(etree.tostring(root.getroottree(), encoding="UTF-8"))
        out = io.BytesIO()
        pdf.save(out, **save_kwargs)
    data = out.getvalue()
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), FLAVOUR, save_kwargs)
    other = [f"{f.rule} {f.where}: {f.message}" for f in report.findings if not _ours(f.message)]
    if other:
        raise PdfA3Error(
            "เพิ่มข้อมูล XMP ของ ETDA แล้ว PDF ไม่เป็น PDF/A-3b", "ETDA XMP broke PDF/A-3b", tuple(other)
        )
    return data


def embed_xml(
    pdf_bytes: bytes,
    xml_bytes: bytes,
    filename: str = DEFAULT_FILENAME,
    *,
    relationship: str = "Alternative",
    document_type: str = "Tax Invoice",
    version: str = "2.0",
    etda_metadata: bool = True,
    modified_at: datetime | None = None,
    title: str = "",
    author: str = "",
) -> bytes:
    """A PDF/A-3b copy of ``pdf_bytes`` carrying ``xml_bytes`` as the associated file ``filename``.

    Raises ``PdfA3Error`` (with the validator's findings) rather than return a
    file that is not PDF/A-3b, e.g. when a font is not embedded.
    """
    if (
        not isinstance(filename, str)
        or not filename.endswith(".xml")
        or any(c in filename for c in "/\\\0")
    ):
        raise PdfA3Error(
            "ชื่อไฟล์ XML ต้องลงท้ายด้วย .xml และไม่มีเครื่องหมาย /", f"bad file name {filename!r}"
        )
    if relationship not in RELATIONSHIPS:
        raise PdfA3Error(
            "ความสัมพันธ์ของไฟล์แนบไม่ถูกต้อง", f"AFRelationship must be one of {sorted(RELATIONSHIPS)}"
        )
    if not isinstance(xml_bytes, bytes) or not xml_bytes:
        raise PdfA3Error("ไม่มีข้อมูล XML", "xml_bytes is empty")
    when = datetime.now(UTC) if modified_at is None else modified_at
    pdf = _open(pdf_bytes)
    with pdf:
        _drop_empty_transitions(pdf)
        _drop_unused_fonts(pdf)
        _attach(pdf, xml_bytes, filename, relationship, when)
        if title:
            pdf.docinfo["/Title"] = title
        if author:
            pdf.docinfo["/Author"] = author
        out = io.BytesIO()
        try:
            report = pikepdf.pdfa.save(pdf, out, FLAVOUR)
        except pikepdf.pdfa.PdfaError as exc:
            findings = _findings(exc.report)
            raise PdfA3Error(
                "สร้าง PDF/A-3 ไม่ได้ (เช่น ฟอนต์ไม่ได้ฝังในไฟล์)",
                "PDF is not PDF/A-3b: " + "; ".join(findings),
                findings,
            ) from exc
    data = out.getvalue()
    if not etda_metadata:
        return data
    values = {"DocumentFileName": filename, "DocumentType": document_type, "Version": version}
    return _add_etda_xmp(data, dict(report.save_kwargs), values)


def read_embedded(pdf_bytes: bytes, filename: str) -> bytes:
    """The bytes of an embedded file, e.g. to re-verify the XML signature from the PDF."""
    with _open(pdf_bytes) as pdf:
        if filename not in pdf.attachments:
            raise PdfA3Error(f"ไม่พบไฟล์แนบ {filename}", f"no attachment named {filename!r}")
        return bytes(pdf.attachments[filename].get_file().read_bytes())
