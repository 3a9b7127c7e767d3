"""Aggregated reintegration analytics: rates with CIs, paired change, drivers.

Everything here returns aggregates only; nothing names or lists a person.
"""
