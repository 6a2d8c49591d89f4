"""Sharing the record: FHIR R4 Bundle JSON, CSV and Parquet tables."""
