"""Catalogue files (products, producers) read from CSV or Excel.

Pure parsing and validation, no database: the operations layer checks the
rows against the store and writes them as journal entries.
"""

from otop_pos.catalogue.producer_file import (
    ProducerRow,
    producer_payload,
    read_producer_file,
    read_producer_table,
)
from otop_pos.catalogue.product_file import (
    CATEGORIES,
    ProductRow,
    is_valid_barcode,
    product_payload,
    read_product_file,
    read_product_table,
)
from otop_pos.catalogue.table import ProductFileError, RowError

__all__ = [
    "CATEGORIES",
    "ProducerRow",
    "ProductFileError",
    "ProductRow",
    "RowError",
    "is_valid_barcode",
    "producer_payload",
    "product_payload",
    "read_producer_file",
    "read_producer_table",
    "read_product_file",
    "read_product_table",
]
