"""XAdES-BES signing with a PKCS#12: verifies, and fails on any change or bad certificate."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from etax_helpers import pem
from lxml import etree

from otop_pos.etax.signing import SigningError, sign_xml, verify_xml
from otop_pos.etax.xml import build_xml

NS = {"ds": "http://www.w3.org/2000/09/xmldsig#", "xades": "http://uri.etsi.org/01903/v1.3.2#"}
PASSWORD = b"rahat-1234"
THAI = range(0x0E00, 0x0E80)


@pytest.fixture
def xml(make_doc) -> bytes:
    return build_xml(make_doc())


@pytest.fixture
def signed(xml, make_p12):
    path, cert = make_p12()
    return sign_xml(xml, path, PASSWORD.decode()), cert


def test_sign_then_verify(signed):
    data, cert = signed
    assert verify_xml(data) is True
    assert verify_xml(data, pem(cert)) is True
    assert verify_xml(data, pem(cert).decode()) is True


def test_signature_shape_matches_etda_sample(signed, xml):
    """Same shape as the signed sample in ETDA's etax-xades repository (xades4j XAdES-BES)."""
    data, cert = signed
    root = etree.fromstring(data)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    sig = root[-1]
    assert sig.tag == f"{{{NS['ds']}}}Signature" and len(root.findall(".//ds:Signature", NS)) == 1
    assert [etree.QName(c).localname for c in sig] == [
        "SignedInfo",
        "SignatureValue",
        "KeyInfo",
        "Object",
    ]
    info = sig.find("ds:SignedInfo", NS)
    c14n = info.find("ds:CanonicalizationMethod", NS).get("Algorithm")
    assert c14n == "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    method = info.find("ds:SignatureMethod", NS).get("Algorithm")
    assert method == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
    refs = info.findall("ds:Reference", NS)
    assert len(refs) == 2
    whole, props_ref = refs
    assert whole.get("URI") == ""
    transforms = [t.get("Algorithm") for t in whole.findall("ds:Transforms/ds:Transform", NS)]
    assert transforms == ["http://www.w3.org/2000/09/xmldsig#enveloped-signature"]
    for ref in refs:
        digest = ref.find("ds:DigestMethod", NS).get("Algorithm")
        assert digest == "http://www.w3.org/2001/04/xmlenc#sha512"
    assert sig.find("ds:KeyInfo/ds:KeyValue", NS) is None
    assert sig.find("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS) is not None
    props = sig.find("ds:Object/xades:QualifyingProperties", NS)
    assert props.get("Target") == "#" + sig.get("Id")
    signed_props = props.find("xades:SignedProperties", NS)
    assert props_ref.get("Type") == "http://uri.etsi.org/01903#SignedProperties"
    assert props_ref.get("URI") == "#" + signed_props.get("Id")
    assert [etree.QName(c).localname for c in signed_props] == ["SignedSignatureProperties"]
    ssp = signed_props.find("xades:SignedSignatureProperties", NS)
    assert [etree.QName(c).localname for c in ssp] == ["SigningTime", "SigningCertificate"]
    assert ssp.findtext("xades:SigningTime", namespaces=NS).endswith("+07:00")
    serial = ssp.find(
        "xades:SigningCertificate/xades:Cert/xades:IssuerSerial/ds:X509SerialNumber", NS
    )
    assert int(serial.text) == cert.serial_number
    # the signed document is the original one with the signature appended
    root.remove(sig)
    assert etree.tostring(root, method="c14n") == etree.tostring(
        etree.fromstring(xml), method="c14n"
    )


def test_signing_time_is_recorded(xml, make_p12):
    path, _ = make_p12()
    when = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = sign_xml(xml, path, PASSWORD, signing_time=when)
    node = etree.fromstring(data).find(".//xades:SigningTime", NS)
    assert dt.datetime.fromisoformat(node.text) == when
    assert verify_xml(data)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"<ram:GrandTotalAmount>761.00<", b"<ram:GrandTotalAmount>76.10<"),
        (b"0105555021215", b"0105555021223"),
        (b"<ram:TypeCode>T03<", b"<ram:TypeCode>388<"),
    ],
)
def test_tampered_document_fails(signed, old, new):
    data, cert = signed
    assert data.count(old) == 1
    tampered = data.replace(old, new)
    assert verify_xml(tampered) is False
    assert verify_xml(tampered, pem(cert)) is False


def test_tampered_signed_properties_fail(signed):
    data, _ = signed
    root = etree.fromstring(data)
    node = root.find(".//xades:SigningTime", NS)
    node.text = "2020-01-01T00:00:00+00:00"
    assert verify_xml(etree.tostring(root)) is False


def test_other_certificate_fails(signed, make_p12):
    data, _ = signed
    _, other = make_p12(name="other.p12")
    assert verify_xml(data, pem(other)) is False


@pytest.mark.parametrize("junk", [b"", b"not xml", b"<a/>"])
def test_garbage_does_not_verify(junk):
    assert verify_xml(junk) is False


def test_unsigned_document_does_not_verify(xml):
    assert verify_xml(xml) is False


def test_wrong_password_is_a_thai_signing_error(xml, make_p12):
    path, _ = make_p12()
    with pytest.raises(SigningError) as err:
        sign_xml(xml, path, "wrong-password")
    assert isinstance(err.value, ValueError)
    assert "รหัสผ่าน" in str(err.value) and any(ord(c) in THAI for c in str(err.value))
    assert "password" in err.value.english


def test_not_a_pkcs12(xml, tmp_path):
    path = tmp_path / "cert.p12"
    path.write_bytes(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    with pytest.raises(SigningError, match="PKCS#12") as err:
        sign_xml(xml, path, PASSWORD)
    assert "not a PKCS#12" in err.value.english


def test_missing_file(xml, tmp_path):
    with pytest.raises(SigningError, match="ไม่พบไฟล์"):
        sign_xml(xml, tmp_path / "none.p12", PASSWORD)


def test_expired_certificate(xml, make_p12):
    path, _ = make_p12(days_from=-400, days_to=-1)
    with pytest.raises(SigningError, match="หมดอายุ") as err:
        sign_xml(xml, path, PASSWORD)
    assert "expired" in err.value.english


def test_not_yet_valid_certificate(xml, make_p12):
    path, _ = make_p12(days_from=2, days_to=30)
    with pytest.raises(SigningError, match="ยังไม่เริ่มใช้"):
        sign_xml(xml, path, PASSWORD)


def test_refuses_to_sign_twice(signed, make_p12):
    data, _ = signed
    path, _ = make_p12(name="again.p12")
    with pytest.raises(SigningError, match="ลงนามแล้ว"):
        sign_xml(data, path, PASSWORD)


def test_bad_xml_is_refused(make_p12):
    path, _ = make_p12()
    with pytest.raises(SigningError, match="XML"):
        sign_xml(b"<unclosed>", path, PASSWORD)


def test_ec_key(xml, make_p12):
    path, cert = make_p12(kind="ec")
    data = sign_xml(xml, path, PASSWORD)
    assert b"ecdsa-sha512" in data
    assert verify_xml(data, pem(cert)) is True


@pytest.mark.skipif(
    shutil.which("xmlsec1") is None, reason="xmlsec1 (Debian package xmlsec1) not installed"
)
def test_independent_check_with_xmlsec1(signed, tmp_path):
    """A second implementation (libxmlsec1) accepts the XMLDSig core and rejects a change."""
    data, cert = signed
    (tmp_path / "cert.pem").write_bytes(pem(cert))
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_bytes(data)
    bad.write_bytes(data.replace(b"<ram:GrandTotalAmount>761.00<", b"<ram:GrandTotalAmount>1.00<"))
    args = [
        "xmlsec1",
        "--verify",
        "--pubkey-cert-pem",
        str(tmp_path / "cert.pem"),
        "--id-attr:Id",
        "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
        "--id-attr:Id",
        "http://www.w3.org/2000/09/xmldsig#:KeyInfo",
    ]
    assert subprocess.run([*args, str(good)], capture_output=True, timeout=60).returncode == 0
    assert subprocess.run([*args, str(bad)], capture_output=True, timeout=60).returncode != 0
