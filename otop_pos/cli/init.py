"""`otop-pos init`: make a new centre without a window, from flags or a TOML file.

A province rolls out many tills the same way: one `centre.toml` per centre
(docs/centre-example.toml lists every key), copied to each till with its own
terminal ID as a flag. The manager's PIN comes from the file, a flag or is
asked twice. An existing file is never made over.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

# (TOML section, key) -> the form's field, with the flag that sets it too
KEYS: dict[tuple[str, str], str] = {
    ("centre", "name"): "centre_name",
    ("centre", "name_en"): "centre_name_en",
    ("centre", "tax_id"): "tax_id",
    ("centre", "branch"): "branch",
    ("centre", "vat_registered"): "vat_registered",
    ("address", "line"): "address",
    ("address", "building_number"): "building_number",
    ("address", "street"): "street",
    ("address", "province_code"): "province_code",
    ("address", "district_code"): "district_code",
    ("address", "sub_district_code"): "sub_district_code",
    ("address", "postcode"): "postcode",
    ("till", "pos_id"): "pos_id",
    ("till", "terminal_id"): "terminal_id",
    ("till", "printer"): "printer_uri",
    ("till", "lang"): "lang",
    ("manager", "name"): "manager_name",
    ("manager", "pin"): "manager_pin",
}
TOML_KEY = {field: f"{section}.{key}" for (section, key), field in KEYS.items()}


class ConfigError(ValueError):
    """The TOML file cannot be used; Thai, with the key or line it is about."""


def add_parser(sub: argparse._SubParsersAction, add_db, default_db) -> None:  # type: ignore[type-arg,no-untyped-def]
    p = sub.add_parser("init", help="make a new centre (settings and first manager) in a new file")
    add_db(p, default_db)
    p.add_argument("--config", type=Path, help="centre.toml (see docs/centre-example.toml)")
    for field in KEYS.values():
        if field == "vat_registered":
            p.add_argument("--vat", dest="vat_registered", action="store_true", default=None)
            p.add_argument("--no-vat", dest="vat_registered", action="store_false")
        else:
            flag = "--printer" if field == "printer_uri" else f"--{field.replace('_', '-')}"
            also = ["--pin"] if field == "manager_pin" else []  # as every other command says it
            p.add_argument(flag, *also, dest=field, default=None)


def read_config(path: Path) -> dict[str, Any]:
    """The form's fields from a TOML file; an unknown key or a number without quotes is refused."""
    import tomllib

    try:
        with path.open("rb") as file:
            raw = tomllib.load(file)
    except OSError as exc:
        raise ConfigError(f"อ่านไฟล์ {path} ไม่ได้ ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"ไฟล์ {path} ไม่ใช่ TOML ที่ถูกต้อง: {exc}") from exc
    values: dict[str, Any] = {}
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{section}: ต้องเป็นหัวข้อ [{section}] (not a table)")
        for key, value in table.items():
            field = KEYS.get((section, key))
            if field is None:
                raise ConfigError(f"ไม่รู้จักคีย์ {section}.{key} (unknown key)")
            wanted = bool if field == "vat_registered" else str
            if not isinstance(value, wanted):
                example = (
                    "true หรือ false" if wanted is bool else 'ข้อความในเครื่องหมายคำพูด เช่น "35000"'
                )
                raise ConfigError(f"{section}.{key} ต้องเป็น{example}")
            values[field] = value
    return values


def _ask_pin() -> tuple[str, str]:
    """Typed twice, unseen; the operation refuses the pair if they differ."""
    import getpass

    first = getpass.getpass("PIN ผู้จัดการคนแรก (first manager's PIN, 4-8 digits): ")
    return first, getpass.getpass("พิมพ์ PIN อีกครั้ง (again): ")


def cmd_init(args: argparse.Namespace) -> int:
    from otop_pos.operations.errors import FieldError, OperationError, describe
    from otop_pos.operations.setup.centre import CentreForm, check_target, create_centre

    try:
        check_target(args.db)
        values = read_config(args.config) if args.config else {}
    except (ConfigError, OperationError) as exc:
        print(describe(exc) if isinstance(exc, OperationError) else str(exc), file=sys.stderr)
        return 2
    values.update({f: getattr(args, f) for f in KEYS.values() if getattr(args, f) is not None})
    if "manager_pin" in values:
        values["manager_pin_again"] = values["manager_pin"]
    else:
        values["manager_pin"], values["manager_pin_again"] = _ask_pin()
    try:
        settings = create_centre(args.db, CentreForm(**values))
    except FieldError as exc:
        where = TOML_KEY.get(exc.field, exc.field)
        print(f"{where}: {exc.thai} ({exc.english})", file=sys.stderr)
        return 2
    except OperationError as exc:
        print(describe(exc), file=sys.stderr)
        return 2
    print(f"สร้างศูนย์ {settings.centre_name} แล้ว: {args.db}")
    print(f"ขั้นต่อไป: otop-pos import-products FILE --db {args.db}  (นำเข้าสินค้า)")
    print(f"แล้วเปิดเครื่อง: otop-pos run --db {args.db}  (เพิ่มพนักงาน เปิดกะ และขาย)")
    print("Next: import the catalogue, add staff, open a shift.")
    return 0
