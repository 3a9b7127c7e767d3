from .base import OrganisationCollection, OwnedPage, PageDailyReads, Purpose  # noqa: F401
from .pages import (  # noqa: F401
    CountryIndexPage,
    CountrySheetPage,
    DecisionExplainerPage,
    FamilyCondition,
    HealthCondition,
    HomePage,
    ProgrammeIndexPage,
    ResidenceStatus,
    ReturnProgrammePage,
    ServiceKind,
    ServicePointIndexPage,
    ServicePointPage,
    ShortAnswerIndexPage,
    ShortAnswerPage,
)
from .workflow import OrgReviewTask  # noqa: F401
