"""Receipt printing: a document model, a Qt raster renderer and ESC/POS devices.

Submodules are imported on demand so that app start-up does not pay for Qt
painting or python-escpos until the first receipt is printed.
"""
