"""Centre and terminal settings, kept as key/value rows in the store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from otop_pos.db.store import Store
from otop_pos.domain.money import Money


@dataclass(frozen=True)
class CentreSettings:
    """What the receipt header and the tills need to know about this centre."""

    centre_name: str = "ศูนย์ OTOP"
    centre_name_en: str = ""
    branch: str = "สำนักงานใหญ่"
    address: str = ""
    tax_id: str = ""
    vat_registered: bool = False
    pos_id: str = "POS01"
    terminal_id: str = "T01"
    cash_rounding: str = "none"  # none | quarter | baht
    lang: str = "th"
    printer_uri: str = "preview"
    paper_dots: int = 576
    receipt_header: str = ""  # printed under the centre's name and address, e.g. opening hours
    receipt_footer: str = "ขอบคุณที่อุดหนุนสินค้า OTOP"
    promptpay_id: str = ""  # the centre's mobile or 13-digit ID, for QR payments
    copay_scheme: str = "คนละครึ่งพลัส"
    copay_percent: int = 50  # the government's share of a co-payment
    copay_cap_satang: int = 20000  # per person per day (200 baht in the 2025 round)
    copay_odd_satang: str = "customer"  # who pays an odd satang: customer | government
    postcode: str = ""
    invoice_prefix: str = ""  # full tax invoice series; '' means '<POS ID>-TI'
    # e-Tax needs the seller's address as codes (TISI 1099), e.g. 33 / 3301 / 330101
    building_number: str = ""
    street: str = ""
    province_code: str = ""
    district_code: str = ""
    sub_district_code: str = ""
    etax_p12_path: str = ""  # the centre's signing certificate (PKCS#12) from a Thai CA
    documents_dir: str = ""  # where PDFs and e-Tax files go; '' = beside the database
    backup_dir2: str = ""  # a second backup folder (USB stick, network share); '' = none
    require_shift: bool = True  # no sale without an open shift (its drawer count)
    blind_close: bool = False  # cashiers count without seeing the expected amounts
    discount_limit_percent: int = 10  # a bigger line discount needs a manager
    confirm_line_satang: int = 1_000_000  # a line over this (10,000 baht) asks the cashier first
    # layouts the centre's scales print ('' = none); scale_labels.DEFAULT_LAYOUTS, kept
    # literal so opening the till does not import the scale-label reader
    scale_labels: str = "weight-20"

    @property
    def confirm_line_over(self) -> Money:
        return Money(self.confirm_line_satang)

    @property
    def copay_cap(self) -> Money:
        return Money(self.copay_cap_satang)

    @property
    def full_invoice_prefix(self) -> str:
        return self.invoice_prefix or f"{self.pos_id}-TI"


_BOOL = {"vat_registered", "require_shift", "blind_close"}
_INT = {
    "paper_dots", "copay_percent", "copay_cap_satang", "discount_limit_percent",
    "confirm_line_satang",
}  # fmt: skip


def load(store: Store) -> CentreSettings:
    stored = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM settings")}
    values: dict[str, object] = {}
    for f in fields(CentreSettings):
        if f.name not in stored:
            continue
        raw = stored[f.name]
        if f.name in _BOOL:
            values[f.name] = raw in ("1", "true", "True")
        elif f.name in _INT:
            values[f.name] = int(raw)
        else:
            values[f.name] = raw
    return CentreSettings(**values)  # type: ignore[arg-type]


def as_text(settings: CentreSettings) -> dict[str, str]:
    """Every setting as the text its row stores ('1'/'0' for a flag)."""
    return {
        key: ("1" if value else "0") if isinstance(value, bool) else str(value)
        for key, value in asdict(settings).items()
    }


def save(store: Store, settings: CentreSettings) -> None:
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            list(as_text(settings).items()),
        )


def is_initialised(store: Store) -> bool:
    return store.scalar("SELECT count(*) FROM settings WHERE key = 'centre_name'") > 0
