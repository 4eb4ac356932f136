"""The role catalogue: organisations, role profiles, criteria, levels and grades."""
