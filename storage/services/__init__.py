"""The service layer: the only way pages touch data. Each method checks who may call it."""

from __future__ import annotations

from storage.services.admin import AdminService
from storage.services.exporting import Download, ExportService
from storage.services.fairness import FairnessService
from storage.services.imports import ImportService
from storage.services.reporting import ReportService
from storage.services.retention import RetentionService
from storage.services.vacancies import CriterionEdit, VacancyRequest, VacancyService

__all__ = ["CriterionEdit", "Download", "Services", "VacancyRequest"]


class Services(
    AdminService,
    VacancyService,
    ImportService,
    ExportService,
    ReportService,
    FairnessService,
    RetentionService,
):
    """Every service, over one store."""
