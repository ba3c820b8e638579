"""The demo centre (Sisaket) for training, screenshots and benchmarks."""

from otop_pos.demo.seed import DEMO_SETTINGS, DEMO_USERS, demo_dir, ensure_demo_centre

__all__ = ["DEMO_SETTINGS", "DEMO_USERS", "demo_dir", "ensure_demo_centre"]
