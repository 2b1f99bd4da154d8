"""The transition period: old province accounts beside the new city ones, and their retirement.

Before an old account's end date the user is told; on that date its last actions are pushed and
then it stops syncing and its secret leaves the keyring. Actions that cannot be pushed any more
(the server disabled the account, or refused them) are kept as "stranded" and shown with what to
do: they are never dropped silently. The items the old account brought stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from app.accounts import AccountService
from app.domain.rejections import SERVICE_REASONS
from app.domain.statuses import AccountStatus, OutboxStatus
from app.local_cache import LocalCache
from app.sync_engine import SyncEngine, SyncReport
from kernel.clock import Clock
from local_db.models import Account, AuditLog, OutboxEntry, Source

NOTICE_DAYS = 14


@dataclass(frozen=True)
class RetirementNotice:
    account_id: int
    display_name: str
    ends_on: date
    days_left: int


@dataclass(frozen=True)
class RetirementResult:
    account_id: int
    status: str  # not_due | waiting (actions still to push) | retired
    stranded: tuple[int, ...] = ()  # outbox entries the user must redo in the new system
    problem: str | None = None


class Transition:
    def __init__(self, cache: LocalCache, accounts: AccountService, engine: SyncEngine, clock: Clock) -> None:
        self.cache = cache
        self.accounts = accounts
        self.engine = engine
        self.clock = clock

    def notices(self, days_before: int = NOTICE_DAYS) -> list[RetirementNotice]:
        today = self.clock.now().date()
        with self.cache.sessions() as session:
            old = session.scalars(
                select(Account).where(
                    Account.role == "old", Account.status != AccountStatus.RETIRED, Account.parallel_until.is_not(None)
                )
            ).all()
        return [
            RetirementNotice(a.id, a.display_name, a.parallel_until, (a.parallel_until - today).days)
            for a in old
            if a.parallel_until is not None and (a.parallel_until - today).days <= days_before
        ]

    def retire_if_due(self, account_id: int) -> RetirementResult:
        with self.cache.sessions() as session:
            account = session.get_one(Account, account_id)
            ends_on, role, status = account.parallel_until, account.role, account.status
        if status == AccountStatus.RETIRED:
            return RetirementResult(account_id, AccountStatus.RETIRED)
        if role != "old" or ends_on is None or self.clock.now().date() < ends_on:
            return RetirementResult(account_id, "not_due")
        return self._retire(account_id)

    def after_sync(self, report: SyncReport) -> RetirementResult | None:
        """An old account the server closed before its date is retired the same way, at once."""
        if report.problem != "sign_in" or report.details != ["account_disabled"]:
            return None
        with self.cache.sessions() as session:
            if session.get_one(Account, report.account_id).role != "old":
                return None
        return self._close(report.account_id, strand=True, problem="account_disabled")

    def _retire(self, account_id: int) -> RetirementResult:
        report = self.engine.sync_account(account_id)  # push what is left, take the last changes
        if report.problem == "sign_in":  # the server has closed the account: nothing more can be pushed
            return self._close(account_id, strand=True, problem=report.details[0] if report.details else None)
        if report.problem is not None or self.accounts.pending_count(account_id):
            return RetirementResult(account_id, "waiting", problem=report.problem)
        return self._close(account_id, strand=False, problem=None)

    def _close(self, account_id: int, strand: bool, problem: str | None) -> RetirementResult:
        with self.cache.sessions.begin() as session:
            account = session.get_one(Account, account_id)
            source_code = session.get_one(Source, account.source_id).code
            stranded: tuple[int, ...] = ()
            if strand:
                stranded = tuple(session.scalars(
                    select(OutboxEntry.id).where(OutboxEntry.account_id == account_id,
                                                 OutboxEntry.status == OutboxStatus.PENDING)
                ).all())  # fmt: skip
                session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.id.in_(stranded))
                    .values(status=OutboxStatus.STRANDED, reject_code="account_retired",
                            reject_reason=SERVICE_REASONS["account_retired"], reject_params={})
                )  # fmt: skip
            account.status = AccountStatus.RETIRED
            session.add(AuditLog(at=self.clock.now(), actor=account.login, action="account_retired",
                                 item_kind="account", item_id=account_id,
                                 detail={"stranded": len(stranded), "problem": problem}))  # fmt: skip
            login = account.login
        self.accounts.credentials.forget(source_code, login)
        return RetirementResult(account_id, AccountStatus.RETIRED, stranded, problem)
