"""Screenshots of the producer register tab and the product form for docs/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_catalogue.py [var/cat.sqlite]

A missing database becomes the demo centre (26 producers, 112 products).
The manager then does what a new centre does in its first week, through the
same operations the screens call: payout details and PINs for some
producers, one producer withdrawn, and two price changes on a silk cloth,
so the history table has rows. The pictures are Qt grabs with the app's
theme and bundled Sarabun font, so they do not depend on the machine's fonts.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.operations import auth
from otop_pos.operations.catalogue import producers, products
from otop_pos.operations.session import Session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.back_office.producers_tab import ProducersTab
from otop_pos.ui.back_office.products_tab import ProductsTab
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.theme import apply_theme

OUT = Path("docs")
MANAGER_ID, MANAGER_PIN = 2, "9999"
PAYOUTS = {
    "SSK01": {"bank_name": "ธ.ก.ส. สาขาอุทุมพรพิสัย", "bank_account": "020-1-58231-4",
              "account_name": "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหนองห้าง",
              "promptpay_id": "0894172035", "reg_no": "3-33-07-01/1-0012",
              "tax_id": "0994000362617", "vat_registered": "1"},
    "SSK02": {"bank_name": "ธนาคารกรุงไทย", "bank_account": "321-0-44871-9",
              "account_name": "นางบุญมี ศรีสุข", "promptpay_id": "0817603348"},
    "SSK03": {"promptpay_id": "0872549016"},
}  # fmt: skip
PINS = {"SSK01": "4826", "SSK02": "1357"}
WITHDRAWN = "SSK04"
PRICE_STEPS = ("TX001", ("2,950.00", "2,890.00"))


def prepare(session: Session) -> None:
    """First-week changes, made once (a second run finds them already there)."""
    for code, details in PAYOUTS.items():
        producers.save_producer(session, {"code": code, **details})
    for code, pin in PINS.items():
        producers.set_producer_pin(session, code, pin)
    producers.deactivate_producer(session, WITHDRAWN)
    sku, prices = PRICE_STEPS
    if (
        len(
            products.price_history(
                session, int(products.product_detail(session, sku)["product_id"])
            )
        )
        < 2
    ):
        for price in prices:
            products.save_product(session, {"sku": sku, "price": price})


def grab(widget: QWidget, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    OUT.mkdir(exist_ok=True)
    widget.grab().save(str(OUT / name))
    print("saved", OUT / name)


def main(db: Path, lang: str = "th") -> None:
    protect_none()
    app = QApplication(sys.argv)
    set_language(lang)
    apply_theme(app)
    store = open_store(db)
    fresh = ensure_demo_centre(store)
    session = Session.open(store)
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    if fresh:
        prepare(session)
    suffix = "" if lang == "th" else "-en"

    tab = ProducersTab(session)
    tab.setWindowTitle("OTOP POS")
    tab.resize(1280, 800)
    tab.show()
    tab.select_code("SSK01")
    grab(tab, f"producers-tab{suffix}.png")

    products_tab = ProductsTab(session)
    products_tab.resize(1280, 800)
    products_tab.show()
    products_tab.select_sku(PRICE_STEPS[0])
    form = products_tab.edit_selected()
    assert form is not None
    form.resize(1100, 820)
    form.show()
    grab(form, f"product-form{suffix}.png")
    store.close()
    app.quit()


if __name__ == "__main__":
    default = Path(tempfile.mkdtemp()) / "catalogue.sqlite"
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else default,
        sys.argv[2] if len(sys.argv) > 2 else "th",
    )
