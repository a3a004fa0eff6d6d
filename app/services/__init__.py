"""The services: everything the desk can do, one module per area.

A service owns its transaction, validates input, checks the acting user's role, writes the audit
log and returns frozen dataclasses. No ORM object and no Session leaves this package.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import Clock
from app.db.engine import Database
from app.services.accounts import AccountService
from app.services.attendance import AttendanceService
from app.services.audit import AuditService
from app.services.booking_dues import BookingDues, SeriesDues
from app.services.bookings import BookingService
from app.services.calendars import CalendarService
from app.services.cash import CashService
from app.services.cash_closing import CashClosingService
from app.services.cash_settings import CashSettingsService
from app.services.closures import ClosureService
from app.services.dropin import DropInServices
from app.services.enrolment_dues import EnrolmentDues
from app.services.enrolments import EnrolmentService
from app.services.house import HouseService
from app.services.lending_desk import LendingDesk
from app.services.loans import LoanService
from app.services.memberships import MembershipService
from app.services.monthly_figures import MonthlyFiguresService
from app.services.organisations import OrganisationService
from app.services.people import PeopleService
from app.services.privacy import PrivacyService
from app.services.programme import ProgrammeService
from app.services.receipts import ReceiptService
from app.services.rooms import RoomService
from app.services.tool_deposits import ToolDepositService
from app.services.tool_reservations import ToolReservationService
from app.services.tools import ToolService
from app.services.visits import VisitService
from app.services.workshop_sessions import WorkshopSessionService
from app.services.workshops import WorkshopService


@dataclass(frozen=True)
class Services:
    """Every service of one open database, built once by the composition root."""

    database: Database
    clock: Clock
    house: HouseService
    accounts: AccountService
    audit: AuditService
    people: PeopleService
    organisations: OrganisationService
    cash: CashService
    cash_settings: CashSettingsService
    receipts: ReceiptService
    memberships: MembershipService
    cash_closings: CashClosingService
    rooms: RoomService
    closures: ClosureService
    bookings: BookingService
    calendars: CalendarService
    workshops: WorkshopService
    workshop_sessions: WorkshopSessionService
    enrolments: EnrolmentService
    attendance: AttendanceService
    dropin: DropInServices
    visits: VisitService
    tools: ToolService
    loans: LoanService
    tool_reservations: ToolReservationService
    tool_deposits: ToolDepositService
    lending_desk: LendingDesk
    monthly_figures: MonthlyFiguresService
    programme: ProgrammeService
    privacy: PrivacyService

    @classmethod
    def build(cls, *, database: Database, clock: Clock) -> Services:
        people = PeopleService(database=database, clock=clock)
        return cls(
            database=database,
            clock=clock,
            house=HouseService(database=database, clock=clock),
            accounts=AccountService(database=database, clock=clock),
            audit=AuditService(database=database, clock=clock),
            people=people,
            organisations=OrganisationService(database=database, clock=clock),
            cash=CashService(
                database=database, clock=clock, dues=[BookingDues(), SeriesDues(clock), EnrolmentDues(clock)]
            ),
            cash_settings=CashSettingsService(database=database, clock=clock),
            receipts=ReceiptService(database=database, clock=clock),
            memberships=MembershipService(database=database, clock=clock),
            cash_closings=CashClosingService(database=database, clock=clock),
            rooms=RoomService(database=database, clock=clock),
            closures=ClosureService(database=database, clock=clock),
            bookings=BookingService(database=database, clock=clock),
            calendars=CalendarService(database=database, clock=clock),
            workshops=WorkshopService(database=database, clock=clock),
            workshop_sessions=WorkshopSessionService(database=database, clock=clock),
            enrolments=EnrolmentService(database=database, clock=clock),
            attendance=AttendanceService(database=database, clock=clock),
            dropin=DropInServices(database=database, clock=clock),
            visits=VisitService(database=database, clock=clock),
            tools=ToolService(database=database, clock=clock),
            loans=LoanService(database=database, clock=clock),
            tool_reservations=ToolReservationService(database=database, clock=clock),
            tool_deposits=ToolDepositService(database=database, clock=clock),
            lending_desk=LendingDesk(database=database, clock=clock, people=people),
            monthly_figures=MonthlyFiguresService(database=database, clock=clock),
            programme=ProgrammeService(database=database, clock=clock),
            privacy=PrivacyService(database=database, clock=clock),
        )
