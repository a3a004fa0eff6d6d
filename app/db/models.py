"""The typed SQLAlchemy models of the whole house.

The schema is born in the Alembic migrations (``app/db/migrations``); these models must agree with
them, and a test compares the two the way ``alembic check`` does.

Conventions: money is integer cents; times are naive local time of the house (see
``app/clock.py``); ``*_key`` columns hold folded text (``app/text.py``) for search and sorting.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """One setting of the house (name, address, fiscal code, idle lock, ...), JSON-encoded."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    """A volunteer, coordinator or admin who takes turns at the desk."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    """Set at the wrong PIN that locks the user (``accounts.LOCK_AFTER``); an admin clears it."""
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who did what, when, to which record. Append-only: triggers refuse UPDATE and DELETE.

    It names fields, never their values, so that erasing a person's data never has to touch it.
    """

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    fields: Mapped[str] = mapped_column(Text, default="")
    chain_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    """SHA-256 (hex) of the previous entry's ``chain_hash`` and this entry's content
    (``app/audit_chain.py``): changing or removing an entry breaks every hash after it."""

    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)


class Person(Base):
    """Anyone the desk knows."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_notice_version: Mapped[str] = mapped_column(String(40), default="")
    photo_release: Mapped[bool] = mapped_column(Boolean, default=False)
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    search_key: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    name_key: Mapped[str] = mapped_column(String(400), index=True)
    phone_key: Mapped[str] = mapped_column(String(50), index=True, default="")
    email_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    guardian: Mapped[Person | None] = relationship(remote_side=[id])


class Organisation(Base):
    """An association or informal group that books rooms or runs workshops."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    fiscal_code: Mapped[str] = mapped_column(String(16), default="")
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    member: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """A member association pays the rooms' reduced rate."""
    search_key: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    contact_person: Mapped[Person | None] = relationship()


class OrganisationMember(Base):
    """A person who belongs to an organisation."""

    __tablename__ = "organisation_members"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)


# -- the cash desk (revision 0003) ---------------------------------------------------------------


class PaymentCategory(Base):
    """What a payment is for. Built-in categories have a ``code`` and a translated label; an admin
    may add categories with only a ``name`` (which, when set, is shown instead of the label)."""

    __tablename__ = "payment_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    direction: Mapped[str] = mapped_column(String(3), default="in")
    stamp_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint("code IS NOT NULL OR name <> ''", name="named"),
    )


class Payment(Base):
    """Money in or out at the desk. Never changed nor deleted (triggers); an incoming payment has
    exactly one receipt, found through ``receipts.payment_id``."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    direction: Mapped[str] = mapped_column(String(3))
    amount_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[int] = mapped_column(ForeignKey("payment_categories.id"))
    payer_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    payer_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    link_kind: Mapped[str | None] = mapped_column(String(30))
    link_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
        CheckConstraint("method IN ('cash', 'card', 'transfer')", name="method"),
        CheckConstraint("payer_person_id IS NULL OR payer_organisation_id IS NULL", name="one_payer"),
        CheckConstraint("(link_kind IS NULL) = (link_id IS NULL)", name="link_pair"),
        Index("ix_payments_link", "link_kind", "link_id"),
    )


class Receipt(Base):
    """The printed proof of an incoming payment, numbered ``number/year`` with no gap.

    It keeps a snapshot of the payer, so a reprint says what the first print said even after the
    person is edited. Triggers refuse DELETE, and UPDATE of anything but the cancellation (once)
    and a growing ``reprint_count``.
    """

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    total_cents: Mapped[int] = mapped_column(Integer)
    stamp_duty: Mapped[str] = mapped_column(String(10))
    payer_name: Mapped[str] = mapped_column(String(400), default="")
    payer_address: Mapped[str] = mapped_column(Text, default="")
    payer_fiscal_code: Mapped[str] = mapped_column(String(16), default="")
    payer_key: Mapped[str] = mapped_column(String(400), default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    reprint_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("year", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("total_cents > 0", name="total_positive"),
        CheckConstraint("stamp_duty IN ('applied', 'not_due', 'exempt')", name="stamp_duty"),
        CheckConstraint(
            "(cancelled_at IS NULL) = (cancelled_by_id IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL)",
            name="cancellation_complete",
        ),
        CheckConstraint("cancel_reason IS NULL OR trim(cancel_reason) <> ''", name="cancel_reason"),
        CheckConstraint("reprint_count >= 0", name="reprint_count"),
    )


class Membership(Base):
    """A person's card for one year, sold with its payment."""

    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    year: Mapped[int] = mapped_column(Integer)
    card_number: Mapped[int] = mapped_column(Integer)
    fee_cents: Mapped[int] = mapped_column(Integer)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)

    __table_args__ = (
        UniqueConstraint("year", "card_number"),
        UniqueConstraint("person_id", "year"),
        CheckConstraint("card_number > 0", name="card_number_positive"),
        CheckConstraint("fee_cents > 0", name="fee_positive"),
    )


class CashClosing(Base):
    """The count of the drawer at the end of a day, for one user or (``user_id`` NULL) everyone.

    Its figures are saved as they were shown, lines included, and triggers refuse any change: a
    receipt cancelled later changes the day's live summary, never its closing.
    """

    __tablename__ = "cash_closings"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opening_float_cents: Mapped[int] = mapped_column(Integer)
    expected_cents: Mapped[int] = mapped_column(Integer)
    counted_cents: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        # NULLs are distinct in a UNIQUE index, so "everyone" gets a partial index of its own.
        Index("uq_cash_closings_day", "day", "user_id", unique=True),
        Index("uq_cash_closings_day_everyone", "day", unique=True, sqlite_where=text("user_id IS NULL")),
        CheckConstraint("opening_float_cents >= 0", name="float_not_negative"),
        CheckConstraint("counted_cents >= 0", name="counted_not_negative"),
    )


class CashClosingLine(Base):
    """One figure of a closing: the money of one direction, method and category."""

    __tablename__ = "cash_closing_lines"

    closing_id: Mapped[int] = mapped_column(ForeignKey("cash_closings.id"), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3), primary_key=True)
    method: Mapped[str] = mapped_column(String(10), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("payment_categories.id"), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)


# -- rooms and bookings ---------------------------------------------------------------------------

BOOKING_STATUSES = "status IN ('tentative', 'confirmed', 'cancelled')"


class Room(Base):
    """A room of the house; ``parent_room_id`` makes it part of a larger one (a half of the hall)."""

    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    capacity: Mapped[int] = mapped_column(Integer)
    hourly_rate_cents: Mapped[int] = mapped_column(Integer, default=0)
    member_rate_cents: Mapped[int] = mapped_column(Integer, default=0)
    colour: Mapped[str] = mapped_column(String(7), default="#4a90d9")
    equipment: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    parent_room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("hourly_rate_cents >= 0", name="rate_not_negative"),
        CheckConstraint("member_rate_cents >= 0", name="member_rate_not_negative"),
        CheckConstraint("colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'", name="colour"),
        CheckConstraint("parent_room_id IS NULL OR parent_room_id <> id", name="not_own_part"),
    )


class RoomOpeningHours(Base):
    """One span a room is open on a weekday (0 = Monday); a day may have several (a lunch break).

    The service (``app/services/opening_hours.py``) keeps a day's spans on quarter hours and apart.
    """

    __tablename__ = "room_opening_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )


class Closure(Base):
    """Days, ``first_day`` to ``last_day`` included, on which the house is closed."""

    __tablename__ = "closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_day: Mapped[date] = mapped_column(Date, index=True)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("last_day >= first_day", name="days_in_order"),)


class BookingSeries(Base):
    """A recurring booking: an RFC 5545 ``RRULE`` from a naive local ``dtstart``, expanded on demand.

    ``exdates`` holds the excluded occurrence starts as ``YYYY-MM-DDTHH:MM`` separated by commas.
    """

    __tablename__ = "booking_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    rrule: Mapped[str] = mapped_column(Text)
    dtstart: Mapped[datetime] = mapped_column(DateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    exdates: Mapped[str] = mapped_column(Text, default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    purpose: Mapped[str] = mapped_column(String(200), default="")
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(10), default="confirmed")
    price_cents: Mapped[int] = mapped_column(Integer, default=0)
    price_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """On the weekly programme poster: an activity open to the public (revision 0008)."""
    last_end: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    """End of the last occurrence of a bounded rule; NULL while open-ended. Lets a range read only
    the series that can reach it (see ``booking_rules.series_last_end``)."""
    ics_uid: Mapped[str | None] = mapped_column(String(255), index=True)
    """UID of the calendar event this series was imported from, so a second import skips it."""
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint("rrule <> ''", name="rrule"),
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_holder"),
        CheckConstraint("people_count > 0", name="people_positive"),
        CheckConstraint(BOOKING_STATUSES, name="status"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
    )


class Booking(Base):
    """A room for ``[starts_at, ends_at)``; with ``series_id``, a moved occurrence of that series
    (``occurrence_start`` is where the rule put it)."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(10), default="confirmed")
    price_cents: Mapped[int] = mapped_column(Integer, default=0)
    price_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """On the weekly programme poster: an event open to the public (revision 0008)."""
    series_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"))
    occurrence_start: Mapped[datetime | None] = mapped_column(DateTime)
    ics_uid: Mapped[str | None] = mapped_column(String(255), index=True)
    """UID of the calendar event this booking was imported from, so a second import skips it."""
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_bookings_room_id_starts_at", "room_id", "starts_at"),
        UniqueConstraint("series_id", "occurrence_start"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("(series_id IS NULL) = (occurrence_start IS NULL)", name="occurrence_pair"),
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_holder"),
        CheckConstraint("people_count > 0", name="people_positive"),
        CheckConstraint(BOOKING_STATUSES, name="status"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
    )


# -- workshops, enrolments, attendance and drop-in services (revision 0006) ----------------------

ENROLMENT_STATUSES = "status IN ('enrolled', 'waiting', 'withdrawn')"
AGE_BANDS = "age_band IN ('under_14', '14_17', '18_29', '30_49', '50_64', '65_plus')"
GENDERS = "gender IN ('female', 'male', 'other')"


class Workshop(Base):
    """A course or workshop of the house; its dated meetings are ``WorkshopSession`` rows.

    ``fee_cents`` is per course or per session (``fee_kind``); ``member_fee_cents`` is what a
    member of the house pays instead (NULL: no reduction).
    """

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    capacity: Mapped[int] = mapped_column(Integer)
    fee_cents: Mapped[int] = mapped_column(Integer, default=0)
    fee_kind: Mapped[str] = mapped_column(String(10), default="course")
    member_fee_cents: Mapped[int | None] = mapped_column(Integer)
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    registration_open: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("title <> ''", name="title"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("fee_cents >= 0", name="fee_not_negative"),
        CheckConstraint("fee_kind IN ('course', 'session')", name="fee_kind"),
        CheckConstraint("member_fee_cents IS NULL OR member_fee_cents >= 0", name="member_fee_not_negative"),
        CheckConstraint("min_age IS NULL OR min_age >= 0", name="min_age"),
        CheckConstraint("min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="ages_in_order"),
    )


class WorkshopSession(Base):
    """One dated meeting of a workshop. Its room and time are those of its booking, the one
    record of them (moving the booking moves the session; a cancelled booking is a cancelled
    session)."""

    __tablename__ = "workshop_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Enrolment(Base):
    """A person in a workshop: enrolled, waiting (in ``queue_number`` order) or withdrawn.

    ``fee_cents`` is what they pay per course or per session, fixed when they got their place.
    """

    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    queue_number: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    fee_cents: Mapped[int] = mapped_column(Integer, default=0)
    member_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("workshop_id", "person_id"),
        Index("ix_enrolments_workshop_id_status", "workshop_id", "status", "queue_number"),
        CheckConstraint(ENROLMENT_STATUSES, name="status"),
        CheckConstraint("queue_number > 0", name="queue_number_positive"),
        CheckConstraint("status <> 'enrolled' OR enrolled_at IS NOT NULL", name="enrolled_since"),
        CheckConstraint("(status = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="withdrawn_pair"),
        CheckConstraint("fee_cents >= 0", name="fee_not_negative"),
    )


class Attendance(Base):
    """A person present at a session (an absent person has no row)."""

    __tablename__ = "attendances"

    session_id: Mapped[int] = mapped_column(ForeignKey("workshop_sessions.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    marked_at: Mapped[datetime] = mapped_column(DateTime)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class DropInService(Base):
    """A drop-in service of the house (showers, a help desk) and the statistics its visits record.

    Built-in services have a ``code`` and a translated label; an admin may rename them (``name``,
    when set, is shown instead) or add services with only a ``name``.
    """

    __tablename__ = "dropin_services"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    records_age_band: Mapped[bool] = mapped_column(Boolean, default=False)
    records_gender: Mapped[bool] = mapped_column(Boolean, default=False)
    records_first_visit: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("code IS NOT NULL OR name <> ''", name="named"),)


class Visit(Base):
    """One use of a drop-in service, anonymous or by a person, with the optional statistics."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("dropin_services.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    first_visit: Mapped[bool | None] = mapped_column(Boolean)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        # Today's counters read one short range of this index per service.
        Index("ix_visits_service_id_at", "service_id", "at"),
        CheckConstraint(AGE_BANDS, name="age_band"),
        CheckConstraint(GENDERS, name="gender"),
    )


# -- the tool library (revision 0007) ------------------------------------------------------------

TOOL_STATUSES = "status IN ('available', 'on_loan', 'in_repair', 'lost', 'retired')"
RESERVATION_STATUSES = "status IN ('active', 'cancelled', 'fulfilled')"


class Tool(Base):
    """An item of the tool library. ``status`` is what is stored; "reserved" is derived from the
    reservations when the tool is available (see ``app/services/tool_rules.py``).

    ``code`` is upper-case letters, digits and dashes (``TR-0042``), printed as a barcode;
    ``components`` holds the parts to check at each loan and return, one per line.
    """

    __tablename__ = "tools"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    category_key: Mapped[str] = mapped_column(String(100), index=True, default="")
    brand: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    serial: Mapped[str] = mapped_column(String(100), default="")
    condition: Mapped[str] = mapped_column(Text, default="")
    deposit_cents: Mapped[int] = mapped_column(Integer, default=0)
    loan_days: Mapped[int] = mapped_column(Integer, default=7)
    notes: Mapped[str] = mapped_column(Text, default="")
    components: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), index=True, default="available")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("code <> '' AND code = upper(code)", name="code"),
        CheckConstraint("name <> ''", name="name"),
        CheckConstraint("deposit_cents >= 0", name="deposit_not_negative"),
        CheckConstraint("loan_days BETWEEN 1 AND 90", name="loan_days"),
        CheckConstraint(TOOL_STATUSES, name="status"),
        CheckConstraint("status <> 'retired' OR trim(status_reason) <> ''", name="retired_reason"),
    )


class ToolPhoto(Base):
    """The photo of a tool, kept in the database so that a backup holds it too."""

    __tablename__ = "tool_photos"

    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(30))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Loan(Base):
    """A tool lent to a person from ``out_at`` until ``due_day``; open while ``returned_at`` is NULL.

    A partial unique index keeps a tool on at most one open loan. The deposit taken and given
    back are payments linked with ``link_kind = 'loan'``; ``deposit_cents`` is what was asked.
    """

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    out_at: Mapped[datetime] = mapped_column(DateTime)
    due_day: Mapped[date] = mapped_column(Date)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    deposit_cents: Mapped[int] = mapped_column(Integer, default=0)
    deposit_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    components_ok: Mapped[bool | None] = mapped_column(Boolean)
    return_note: Mapped[str] = mapped_column(Text, default="")
    deposit_kept_reason: Mapped[str | None] = mapped_column(Text)
    lent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        Index("uq_loans_open_tool", "tool_id", unique=True, sqlite_where=text("returned_at IS NULL")),
        Index("ix_loans_open_due_day", "due_day", sqlite_where=text("returned_at IS NULL")),
        Index("ix_loans_tool_id_out_at", "tool_id", "out_at"),
        Index("ix_loans_person_id_out_at", "person_id", "out_at"),
        CheckConstraint("deposit_cents >= 0", name="deposit_not_negative"),
        CheckConstraint("returned_at IS NULL OR returned_at >= out_at", name="returned_after_out"),
        CheckConstraint("deposit_kept_reason IS NULL OR trim(deposit_kept_reason) <> ''", name="kept_reason"),
    )


class ToolReservation(Base):
    """A tool kept for a person over ``from_day`` .. ``to_day`` (both included).

    Active until cancelled, or fulfilled when that person borrows the tool (``loan_id``).
    """

    __tablename__ = "tool_reservations"

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    from_day: Mapped[date] = mapped_column(Date)
    to_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
    notes: Mapped[str] = mapped_column(Text, default="")
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_tool_reservations_tool_id_to_day", "tool_id", "to_day"),
        CheckConstraint("to_day >= from_day", name="days_in_order"),
        CheckConstraint(RESERVATION_STATUSES, name="status"),
        CheckConstraint("(status = 'cancelled') = (cancelled_at IS NOT NULL)", name="cancelled_pair"),
        CheckConstraint("(status = 'fulfilled') = (loan_id IS NOT NULL)", name="fulfilled_pair"),
    )


class ToolEvent(Base):
    """One line of a tool's history: added, edited, lent, returned, extended, sent to repair,
    a status change, reserved, a reservation cancelled. ``status`` is the tool's status after it."""

    __tablename__ = "tool_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_tool_events_tool_id_at", "tool_id", "at"),)


# -- reports (revision 0008) ----------------------------------------------------------------------


class HouseLogo(Base):
    """The house's logo for the programme poster: one row (``id = 1``), kept in the database so
    that a backup holds it too; no row means no logo."""

    __tablename__ = "house_logos"

    id: Mapped[int] = mapped_column(primary_key=True)
    media_type: Mapped[str] = mapped_column(String(30))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
