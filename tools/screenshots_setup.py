"""Screenshots of the first-run wizard, page by page, in a real X window (Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_setup.py docs 1366x768
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python tools/screenshots_setup.py \
        docs 1024x768 2 6

The wizard is filled with a Yasothon centre and each page (or only the page
numbers given; "errors" adds page 2 with a refused tax ID) is captured with
ImageMagick's `import` as docs/setup-wizard-N-NAME[-SIZE].png. Nothing is
written: the database path is a fresh temporary folder, and Finish is never
pressed.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

from otop_pos.ui.setup.wizard import SetupWizard
from otop_pos.ui.theme import apply_theme

out = Path(sys.argv[1])
size = sys.argv[2]  # e.g. 1366x768
only = sys.argv[3:]  # page numbers to shoot (default all)
app = QApplication(sys.argv[:1])
apply_theme(app)
db = Path(tempfile.mkdtemp()) / "centre.sqlite"
wizard = SetupWizard(db, printer=None)
w, h = (int(x) for x in size.split("x"))
wizard.move(0, 0)
wizard.resize(min(960, w), min(700, h - 40))
wizard.show()

values = dict(
    centre_name="ศูนย์ OTOP จังหวัดยโสธร",
    centre_name_en="Yasothon OTOP Centre",
    address="12 ถนนแจ้งสนิท ตำบลในเมือง อำเภอเมืองยโสธร จังหวัดยโสธร 35000",
    building_number="12",
    street="แจ้งสนิท",
    province_code="35",
    district_code="3501",
    sub_district_code="350101",
    postcode="35000",
    tax_id="0-9940-00165-31-5",
    branch="",
    pos_id="E35000000001",
    manager_name="วิไล ใจงาม",
    manager_pin="4826",
    manager_pin_again="4826",
)
names = ["centre", "address-tax", "manager", "printer", "language", "summary"]


def settle() -> None:
    for _ in range(30):
        app.processEvents()
    subprocess.run(["sleep", "0.3"])
    for _ in range(10):
        app.processEvents()


def shoot(name: str) -> None:
    settle()
    subprocess.run(["import", "-window", "root", str(out / f"setup-wizard-{name}.png")], check=True)


for index, name in enumerate(names):
    page = wizard.currentPage()
    for field, text in values.items():
        box = page.findChild(QLineEdit, f"setup_{field}")
        if box is not None:
            box.setText(text)
    vat = page.findChild(QCheckBox, "setup_vat_registered")
    if vat is not None:
        vat.setChecked(True)
    if not only or str(index + 1) in only:
        shoot(f"{index + 1}-{name}" + ("" if size == "1366x768" else f"-{size}"))
    if index == 1 and "errors" in only:
        wizard.findChild(QLineEdit, "setup_tax_id").setText("0994000165316")
        wizard.next()
        shoot("2-address-tax-refused")
        wizard.findChild(QLineEdit, "setup_tax_id").setText(values["tax_id"])
    if index < len(names) - 1:
        wizard.next()
