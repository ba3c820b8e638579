"""A till that sells as fast as it can, to be killed with SIGKILL by test_kill9.

    python sale_worker.py DB_PATH SEED

Opens an existing centre database, logs in the cashier (user 2) and completes
cash sales in a loop. Protocol on stdout, one flushed line per event:

    READY                 logged in, about to sell
    ATTEMPT <n>           the cart is built; complete_cash_sale is being called
    COMMITTED <receipt>   complete_cash_sale returned (the sale is durable)

A kill between ATTEMPT and COMMITTED may leave the sale committed or not,
but never half written.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers

from helpers import CASHIER_PIN

from otop_pos.db.store import open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session

BARCODES = ("8850000000014", "8850000000021", "8850000000038")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(db_path: str, seed: int) -> None:
    rng = random.Random(seed)
    session = Session.open(open_store(db_path))
    auth.login(session, 2, CASHIER_PIN)
    say("READY")
    n = 0
    while True:
        cart = Cart()
        for _ in range(rng.randint(1, 4)):
            qty = rng.randint(1, 5)
            code = rng.choice(BARCODES)
            selling.scan(session, cart, code if qty == 1 else f"{qty}*{code}")
        tendered = cart.total + Money(rng.randint(0, 100_000))
        n += 1
        say(f"ATTEMPT {n}")
        result = checkout.complete_cash_sale(session, cart, tendered)
        say(f"COMMITTED {result.receipt_no}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
