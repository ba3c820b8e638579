"""e-Tax Invoice / e-Receipt (ETDA ขมธอ. 3-2560): XML, XAdES signing, PDF/A-3.

What follows the guideline and what is a guess is written in docs/etax.md.
"""
