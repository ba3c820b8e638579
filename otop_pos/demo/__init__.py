"""The demo centre (Sisaket) for training, screenshots and benchmarks."""
