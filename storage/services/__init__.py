"""The service layer: the only way pages touch data. Each method checks who may call it."""

from __future__ import annotations

from storage.services.admin import AdminService
from storage.services.imports import ImportService
from storage.services.panel import PanelService
from storage.services.retention import RetentionService
from storage.services.shortlisting import ShortlistService
from storage.services.vacancies import CriterionEdit, VacancyRequest, VacancyService

__all__ = ["CriterionEdit", "Services", "VacancyRequest"]


class Services(
    AdminService, VacancyService, ImportService, PanelService, ShortlistService, RetentionService
):
    """Every service, over one store."""
