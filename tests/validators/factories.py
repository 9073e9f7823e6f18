"""Small documents and contexts for the rule tests: a test states only what it is about."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from config.programs import ProgramCatalog, parse_programs
from extractors.model import Amount, Evidence, Extraction, ItemisedTable, OrgRef
from validators.model import AllocationRow, Context, FiledRequisition

STOCKHOLM = ZoneInfo("Europe/Stockholm")

REGION_OREBRO = OrgRef(code="18", kind="region", name="Region Örebro län")
REGION_GOTLAND = OrgRef(code="09", kind="region", name="Region Gotland")
BOTKYRKA = OrgRef(code="0127", kind="municipality", name="Botkyrka kommun")
GOTLAND_MUNICIPALITY = OrgRef(code="0980", kind="municipality", name="Gotland")

_BASE_REQUIRED = {
    "requisition": ["organisation", "amounts.requested"],
    "return_report": ["organisation", "amounts.received", "amounts.used"],
    "decision": ["amounts.decided", "document_date"],
}

PROGRAMS: ProgramCatalog = parse_programs(
    {
        "hembesok": {
            "name": "Statsbidrag för utökade hembesöksprogram inom barnhälsovården",
            "years": {
                "2023": {
                    "recipients": ["region"],
                    "pool": 42_000_000,
                    "report_deadline": "2024-03-01",
                    "required": _BASE_REQUIRED,
                },
                "2024": {
                    "recipients": ["region"],
                    "pool": 82_000_000,
                    "requisition_deadline": "2024-04-05",
                    "report_deadline": "2025-03-01",
                    "required": {
                        **_BASE_REQUIRED,
                        "requisition_region": [
                            "collaborating_municipalities",
                            "municipal_share_percent",
                        ],
                    },
                },
                "2025": {"recipients": ["region", "municipality"], "required": _BASE_REQUIRED},
            },
        },
        "bhv-pilot": {
            "name": "Pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
            "years": {
                "2023": {
                    "recipients": ["region", "municipality"],
                    "pool": 4_500_000,
                    "requisition_deadline": "2023-06-16",
                    "report_deadline": "2024-05-03",
                    "required": _BASE_REQUIRED,
                },
            },
        },
    }
)


def amounts(**values: int | tuple[int, int]) -> dict[str, Amount]:
    """``amounts(requested=834000, decided=(1300000, 100000))``: value, or (value, unit)."""
    return {
        k: Amount(*v) if isinstance(v, tuple) else Amount(v) for k, v in values.items()
    }


def requisition(**fields) -> Extraction:
    """A complete, clean hembesok 2024 requisition from Region Gotland, changed by ``fields``."""
    base = dict(
        document_type="requisition",
        program="hembesok",
        grant_year=2024,
        organisation=REGION_GOTLAND,
        amounts=amounts(requested=800_000),
        document_date=date(2024, 3, 21),
        collaborating_municipalities=[GOTLAND_MUNICIPALITY],
        municipal_share_percent=25.0,
    )
    return Extraction(**{**base, **fields})


def return_report(**fields) -> Extraction:
    base = dict(
        document_type="return_report",
        program="hembesok",
        grant_year=2023,
        organisation=REGION_OREBRO,
        amounts=amounts(received=1_349_000, used=1_300_000, unused=49_000),
        document_date=date(2024, 2, 20),
    )
    return Extraction(**{**base, **fields})


def decision(**fields) -> Extraction:
    base = dict(
        document_type="decision",
        program="hembesok",
        grant_year=2023,
        organisation=REGION_OREBRO,
        amounts=amounts(decided=(1_349_000, 1)),
        document_date=date(2023, 11, 21),
    )
    return Extraction(**{**base, **fields})


def allocation(
    org: OrgRef, amount: int, program: str = "hembesok", year: int = 2024,
    share_min: float | None = None,
) -> AllocationRow:
    return AllocationRow(program, year, org.code, org.name, amount, share_min)


def context(*rows: AllocationRow, **fields) -> Context:
    """A context on the test programs with ``rows`` as the allocation list."""
    defaults = dict(
        programs=PROGRAMS,
        received=datetime(2024, 3, 25, 9, 3, tzinfo=STOCKHOLM),
        allocations={(r.program, r.grant_year, r.recipient_code): r for r in rows},
    )
    return Context(**{**defaults, **fields})


def standard_context(**fields) -> Context:
    """Allocations for the three factory documents, so they raise nothing."""
    return context(
        allocation(REGION_GOTLAND, 800_000),
        allocation(REGION_OREBRO, 1_349_000, year=2023),
        **fields,
    )


def filed(document_id: int, org: OrgRef | None, requested: int | None) -> FiledRequisition:
    return FiledRequisition(document_id, org.code if org else None, requested)


def evidence(field: str, confidence: float) -> Evidence:
    return Evidence(field, "…", 1, (72.0, 300.0, 160.0, 313.0), confidence)


def table(rows: tuple[int | float, ...], total: int | float, page: int = 2) -> ItemisedTable:
    return ItemisedTable(rows=rows, total=total, page=page, bbox=(50.0, 100.0, 500.0, 300.0))
