"""Receipt printers attached to this PC: USB, the kernel's /dev/usb/lp*, and serial ports.

Each one comes with the printer address (`devices.parse_printer_uri`) that
reaches it. Looking never fails: a PC without libusb, pyusb or pyserial,
or a device that will not say its name, becomes a note in Thai and the
rest of the list. pyusb and pyserial load only when someone looks.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

PRINTER_CLASS = 7  # USB device class "printer"
KNOWN_VENDORS: dict[int, str] = {
    0x04B8: "Epson",
    0x0519: "Star Micronics",
    0x1504: "Bixolon",
    0x1D90: "Citizen",
    0x154F: "SNBC",
    0x0DD4: "Custom",
    0x20D1: "Rongta",
    0x0416: "Winbond (Xprinter, Gprinter)",
    0x0FE6: "ICS (Xprinter)",
    0x28E9: "GD32 (Xprinter)",
    0x6868: "Zjiang",
    0x0483: "STMicro (POS-58/80)",
    0x1FC9: "NXP (POS-80)",
}
"""Makers of receipt printers, some of which report a vendor class instead of 7."""


@dataclass(frozen=True, slots=True)
class FoundPrinter:
    kind: str  # usb | lp | serial
    uri: str  # what the printer setting takes
    label: str  # a line for the list
    usable: bool = True  # False: seen, but this user may not open it (the label says why)


@dataclass(frozen=True, slots=True)
class Discovery:
    printers: tuple[FoundPrinter, ...] = ()
    notes: tuple[str, ...] = field(default=())  # Thai: why some kind could not be looked at


def _is_printer(device: Any) -> bool:
    if getattr(device, "bDeviceClass", 0) == PRINTER_CLASS:
        return True
    try:
        for config in device:
            for interface in config:
                if interface.bInterfaceClass == PRINTER_CLASS:
                    return True
    except Exception:  # a device that will not describe itself is not ours to judge
        log.debug("USB device %04x:%04x hid its interfaces", device.idVendor, device.idProduct)
    return device.idVendor in KNOWN_VENDORS


def _usb_name(device: Any) -> str:
    vendor = KNOWN_VENDORS.get(device.idVendor, "")
    try:  # reading strings needs the device opened: often not allowed, never needed
        product = device.product or ""
        vendor = device.manufacturer or vendor
    except Exception:
        product = ""
    return " ".join(p for p in (vendor, product) if p) or "USB"


def usb_printers(find: Callable[..., Iterable[Any]] | None = None) -> Discovery:
    """USB devices that are printers (class 7) or made by a receipt printer maker."""
    if find is None:
        try:
            import usb.core
        except ImportError:
            return Discovery(notes=("ไม่ได้ติดตั้ง pyusb จึงค้นหาเครื่องพิมพ์ USB ไม่ได้",))
        find = usb.core.find
    try:
        devices = list(find(find_all=True))
    except Exception as exc:  # NoBackendError: no libusb on this PC
        log.info("USB printers not listed: %s: %s", type(exc).__name__, exc)
        return Discovery(
            notes=("เครื่องนี้ไม่มี libusb จึงค้นหาเครื่องพิมพ์ USB โดยตรงไม่ได้ (ดูรายการ /dev/usb/lp)",)
        )
    found = []
    for device in devices:
        if not _is_printer(device):
            continue
        vid, pid = int(device.idVendor), int(device.idProduct)
        uri = f"usb:{vid:04x}:{pid:04x}"
        found.append(FoundPrinter("usb", uri, f"USB {vid:04x}:{pid:04x} {_usb_name(device)}"))
    return Discovery(tuple(found))


def lp_printers(pattern: str = "/dev/usb/lp*") -> Discovery:
    """Printers the kernel's usblp driver holds; written to as files (file:/dev/usb/lp0)."""
    found = []
    for path in sorted(glob.glob(pattern)):
        usable = os.access(path, os.W_OK)
        label = path if usable else f"{path} (ไม่มีสิทธิ์เขียน: เพิ่มผู้ใช้เข้ากลุ่ม lp)"
        found.append(FoundPrinter("lp", f"file:{path}", label, usable))
    return Discovery(tuple(found))


def serial_ports(comports: Callable[[], Iterable[Any]] | None = None) -> Discovery:
    """Serial ports (built in, or USB-serial adapters) a printer may hang on."""
    if comports is None:
        try:
            from serial.tools import list_ports
        except ImportError:
            return Discovery(notes=("ไม่ได้ติดตั้ง pyserial จึงค้นหาพอร์ตอนุกรมไม่ได้",))
        comports = list_ports.comports
    try:
        ports = list(comports())
    except Exception as exc:
        log.info("serial ports not listed: %s: %s", type(exc).__name__, exc)
        return Discovery(notes=("อ่านรายการพอร์ตอนุกรมไม่ได้",))
    found = []
    for port in sorted(ports, key=lambda p: p.device):
        about = port.description if port.description not in (None, "", "n/a") else ""
        label = f"{port.device} {about}".strip()
        found.append(FoundPrinter("serial", f"serial:{port.device}", label))
    return Discovery(tuple(found))


def find_printers() -> Discovery:
    """Everything above, USB first; the notes of each kind that could not be looked at."""
    parts = (usb_printers(), lp_printers(), serial_ports())
    return Discovery(
        tuple(p for part in parts for p in part.printers),
        tuple(n for part in parts for n in part.notes),
    )
