"""Classifying parsed documents: sector, stage, status, organisation, evidence, pitfalls."""
