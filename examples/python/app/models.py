"""The tables of a small FastAPI back end, in SQLModel: the Python sibling of examples/db/."""
from datetime import datetime
from typing import Optional
from uuid import UUID, uuid4

from sqlmodel import Field, Relationship, SQLModel

from app.mixins import TimestampMixin


class Tenant(TimestampMixin, table=True):
    __tablename__ = "tenants"

    id: UUID = Field(default_factory=uuid4, primary_key=True)
    name: str


class Project(TimestampMixin, table=True):
    __tablename__ = "projects"

    id: UUID = Field(default_factory=uuid4, primary_key=True)
    tenant_id: Optional[UUID] = Field(default=None, foreign_key="tenants.id", index=True)
    name: str
    archived: bool = False
    deleted_at: Optional[datetime] = None

    invoices: list["Invoice"] = Relationship(back_populates="project")


class Invoice(TimestampMixin, table=True):
    __tablename__ = "invoices"

    id: int = Field(primary_key=True)
    project_id: UUID = Field(foreign_key="projects.id")
    email: str
    amount_cents: int
    deleted_at: Optional[datetime] = None

    project: Optional[Project] = Relationship(back_populates="invoices")
