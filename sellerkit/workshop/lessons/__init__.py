"""The workshop's exercises, one module per lesson of ``notebooks/workshop/``.

Each module holds its lesson's ``EXERCISES`` with the functions that compute their expected
answers and typical mistakes (:mod:`sellerkit.workshop.figures` holds what lessons share):
``what_odr_measures`` (lesson 1), ``small_numbers`` (2), ``finding_causes`` (3),
``dilution_and_time`` (4), ``appeals_and_rules`` (5) and ``myths`` (6).
"""
