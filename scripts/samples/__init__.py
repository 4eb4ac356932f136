"""The sample vacancies under data/samples/, each applicant built to exercise one rule."""
