"""XAdES-BES enveloped signature of e-Tax XML with the centre's PKCS#12 certificate.

ETDA's own sample signer (xades4j ``XadesBesSigningProfile``) signs the whole
document (reference URI "", enveloped-signature transform) with RSA-SHA512 and
SHA-512 digests and the XAdES 1.3.2 ``SigningCertificate`` property; this
module produces the same shape with signxml. A signature is never faked: any
problem with the certificate raises ``SigningError`` instead.
"""

from __future__ import annotations

from base64 import b64encode
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, pkcs12
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.exceptions import SignXMLException
from signxml.util import add_pem_header, ds_tag, namespaces, xades_tag
from signxml.xades.xades import (
    XAdESSignatureConfiguration,
    XAdESSigner,
    XAdESVerifier,
)

from otop_pos.etax.checks import BANGKOK

DS = namespaces.ds
XADES = namespaces.xades  # http://uri.etsi.org/01903/v1.3.2#
C14N_1_0 = CanonicalizationMethod.CANONICAL_XML_1_0
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


class SigningError(ValueError):
    """The document could not be signed; ``str()`` is Thai, ``.english`` for logs."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(message)
        self.english = english


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _thai_date(moment: datetime) -> str:
    return f"{moment:%d/%m}/{moment.year + 543}"


def load_pkcs12(
    p12_path: str | Path, password: str | bytes | None
) -> tuple[Any, x509.Certificate, list[x509.Certificate]]:
    """(private key, signing certificate, other certificates) from a .p12/.pfx file."""
    path = Path(p12_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SigningError(f"ไม่พบไฟล์ใบรับรองอิเล็กทรอนิกส์: {path}", f"no such file: {path}") from exc
    except OSError as exc:
        raise SigningError(
            f"อ่านไฟล์ใบรับรองอิเล็กทรอนิกส์ไม่ได้: {path}", f"cannot read {path}: {exc}"
        ) from exc
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret)
    except (ValueError, TypeError) as exc:
        if "deserialize" in str(exc):
            raise SigningError(
                "ไฟล์นี้ไม่ใช่ใบรับรองอิเล็กทรอนิกส์แบบ PKCS#12 (.p12/.pfx)", f"not a PKCS#12 file: {path}"
            ) from exc
        raise SigningError(
            "รหัสผ่านใบรับรองอิเล็กทรอนิกส์ไม่ถูกต้อง", f"wrong password for {path} (or damaged file)"
        ) from exc
    if key is None or cert is None:
        raise SigningError(
            "ไฟล์ใบรับรองไม่มีกุญแจส่วนตัวหรือใบรับรองสำหรับลงนาม",
            "the PKCS#12 has no private key or certificate",
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SigningError("ชนิดกุญแจของใบรับรองไม่รองรับ (ต้องเป็น RSA หรือ EC)", "key must be RSA or EC")
    spki = PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(Encoding.DER, spki) != cert.public_key().public_bytes(
        Encoding.DER, spki
    ):
        raise SigningError(
            "กุญแจส่วนตัวไม่ตรงกับใบรับรอง", "the private key does not match the certificate"
        )
    return key, cert, list(extra)


def check_validity(cert: x509.Certificate, at: datetime) -> None:
    """Refuse to sign with a certificate that is expired or not yet valid at ``at``."""
    if at < cert.not_valid_before_utc:
        raise SigningError(
            f"ใบรับรองอิเล็กทรอนิกส์ยังไม่เริ่มใช้ (เริ่ม {_thai_date(cert.not_valid_before_utc)})",
            f"certificate not valid before {cert.not_valid_before_utc.isoformat()}",
        )
    if at > cert.not_valid_after_utc:
        raise SigningError(
            f"ใบรับรองอิเล็กทรอนิกส์หมดอายุแล้ว (หมดอายุ {_thai_date(cert.not_valid_after_utc)})",
            f"certificate expired on {cert.not_valid_after_utc.isoformat()}",
        )


class _EtdaSigner(XAdESSigner):
    """signxml's XAdES signer cut to the shape of ETDA's xades4j sample output.

    Two references only (the whole document, and SignedProperties), no
    KeyValue, no DataObjectFormat, SigningTime in Thai time and the XAdES
    1.3.2 SigningCertificate (not signxml's default SigningCertificateV2).
    """

    def __init__(self, signing_time: datetime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._signing_time = signing_time

    def _build_xades_ds_object(self, sig_root, signing_settings):  # type: ignore[no-untyped-def]
        sig_id = sig_root.get("Id") or f"xmldsig-{uuid4()}"
        sig_root.set("Id", sig_id)
        nsmap = self.namespaces
        holder = etree.SubElement(sig_root, ds_tag("Object"), nsmap=nsmap)
        qualifying = etree.SubElement(
            holder, xades_tag("QualifyingProperties"), nsmap=nsmap, Target=f"#{sig_id}"
        )
        signed = etree.SubElement(
            qualifying, xades_tag("SignedProperties"), nsmap=nsmap, Id=f"{sig_id}-signedprops"
        )
        props = etree.SubElement(signed, xades_tag("SignedSignatureProperties"), nsmap=nsmap)
        self.add_signing_time(props, sig_root=sig_root, signing_settings=signing_settings)
        self.add_signing_certificate(props, sig_root=sig_root, signing_settings=signing_settings)
        self._add_reference_to_signed_info(sig_root, signed, Type=SIGNED_PROPERTIES_TYPE)

    def add_signing_time(self, signed_signature_properties, sig_root, signing_settings):  # type: ignore[no-untyped-def]
        node = etree.SubElement(
            signed_signature_properties, xades_tag("SigningTime"), nsmap=self.namespaces
        )
        node.text = self._signing_time.astimezone(BANGKOK).isoformat(timespec="seconds")

    def add_signing_certificate(self, signed_signature_properties, sig_root, signing_settings):  # type: ignore[no-untyped-def]
        # XAdES 1.3.2 SigningCertificate of the signing certificate only (xades4j
        # with fullChain(false) in ETDA's sample), not signxml's SigningCertificateV2.
        cert = signing_settings.cert_chain[0]
        nsmap = self.namespaces
        holder = etree.SubElement(
            signed_signature_properties, xades_tag("SigningCertificate"), nsmap=nsmap
        )
        node = etree.SubElement(holder, xades_tag("Cert"), nsmap=nsmap)
        digest = etree.SubElement(node, xades_tag("CertDigest"), nsmap=nsmap)
        etree.SubElement(
            digest, ds_tag("DigestMethod"), nsmap=nsmap, Algorithm=self.digest_alg.value
        )
        value = etree.SubElement(digest, ds_tag("DigestValue"), nsmap=nsmap)
        value.text = b64encode(
            self._get_digest(cert.public_bytes(Encoding.DER), algorithm=self.digest_alg)
        ).decode()
        serial = etree.SubElement(node, xades_tag("IssuerSerial"), nsmap=nsmap)
        etree.SubElement(
            serial, ds_tag("X509IssuerName"), nsmap=nsmap
        ).text = cert.issuer.rfc4514_string()
        etree.SubElement(serial, ds_tag("X509SerialNumber"), nsmap=nsmap).text = str(
            cert.serial_number
        )


def sign_xml(
    xml_bytes: bytes,
    p12_path: str | Path,
    password: str | bytes | None,
    *,
    signing_time: datetime | None = None,
) -> bytes:
    """Sign e-Tax XML (XAdES-BES, enveloped) and return the signed UTF-8 bytes."""
    key, cert, extra = load_pkcs12(p12_path, password)
    when = datetime.now(UTC) if signing_time is None else signing_time
    if when.utcoffset() is None:
        raise SigningError("เวลาลงนามต้องระบุเขตเวลา", "signing_time must be an aware datetime")
    check_validity(cert, when)
    try:
        root = etree.fromstring(xml_bytes, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise SigningError("ข้อมูล XML ไม่ถูกต้อง ลงนามไม่ได้", f"not well-formed XML: {exc}") from exc
    if root.find(f".//{{{DS}}}Signature") is not None:
        raise SigningError("เอกสารนี้ลงนามแล้ว", "the document is already signed")
    is_rsa = isinstance(key, rsa.RSAPrivateKey)
    signer = _EtdaSigner(
        when,
        signature_algorithm=SignatureMethod.RSA_SHA512 if is_rsa else SignatureMethod.ECDSA_SHA512,
        digest_algorithm=DigestAlgorithm.SHA512,
        c14n_algorithm=C14N_1_0,
    )
    try:
        signed = signer.sign(
            root,
            key=key,
            cert=[cert, *extra],
            always_add_key_value=False,
            exclude_c14n_transform_element=True,  # ETDA's sample lists only enveloped-signature
        )
    except (SignXMLException, ValueError) as exc:
        raise SigningError("ลงนามเอกสารไม่สำเร็จ", f"signing failed: {exc}") from exc
    body: bytes = etree.tostring(signed, encoding="UTF-8")
    return _DECLARATION + body


def _signing_time(root: etree._Element) -> datetime | None:
    node = root.find(f"./{{{DS}}}Signature//{{{XADES}}}SigningTime")
    try:
        moment = datetime.fromisoformat((node.text or "").strip()) if node is not None else None
    except ValueError:
        return None
    return (
        moment if moment is None or moment.utcoffset() is not None else moment.replace(tzinfo=UTC)
    )


def _embedded_certs(root: etree._Element) -> list[x509.Certificate]:
    found = []
    for node in root.iterfind(
        f"./{{{DS}}}Signature/{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate"
    ):
        try:
            found.append(x509.load_pem_x509_certificate(add_pem_header(node.text or "")))
        except ValueError:
            continue
    return found


def verify_xml(signed_bytes: bytes, cert_pem: str | bytes | None = None) -> bool:
    """True when the XAdES signature over the whole document checks out.

    With ``cert_pem`` the signer must hold that certificate. Without it, the
    certificate carried inside the signature is used: that proves the XML was
    not changed since signing, not who signed it (no Thai CA chain is checked).
    """
    try:
        root = etree.fromstring(signed_bytes, parser=_parser())
        if (
            len(root.findall(f".//{{{DS}}}Signature")) != 1
            or root.find(f"./{{{DS}}}Signature") is None
        ):
            return False
        if cert_pem is not None:
            text = cert_pem.decode("ascii") if isinstance(cert_pem, bytes) else cert_pem
            candidates = [x509.load_pem_x509_certificate(text.encode("ascii"))]
        else:
            candidates = _embedded_certs(root)
    except (etree.XMLSyntaxError, ValueError):
        return False
    config = XAdESSignatureConfiguration(
        location="./",
        expect_references=2,
        verification_time=_signing_time(root),
        signature_methods=frozenset({SignatureMethod.RSA_SHA512, SignatureMethod.ECDSA_SHA512}),
        digest_algorithms=frozenset({DigestAlgorithm.SHA512}),
    )
    return any(_verify_with(signed_bytes, root.tag, cert, config) for cert in candidates)


def _verify_with(
    signed_bytes: bytes, root_tag: str, cert: x509.Certificate, config: XAdESSignatureConfiguration
) -> bool:
    try:
        results = XAdESVerifier().verify(signed_bytes, x509_cert=cert, expect_config=config)
    except (SignXMLException, InvalidSignature, ValueError, TypeError):
        return False
    # See what is signed: one reference must be the whole document (URI "").
    return any(getattr(r.signed_xml, "tag", None) == root_tag for r in results)
