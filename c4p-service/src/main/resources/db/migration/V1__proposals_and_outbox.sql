create table proposal (
    id             uuid primary key,
    title          varchar(200)  not null,
    abstract       varchar(5000) not null,
    speaker_name   varchar(200)  not null,
    speaker_email  varchar(320)  not null,
    status         varchar(16)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    tracking_token varchar(64)   not null unique,
    submitted_at   timestamptz   not null,
    decided_at     timestamptz,
    decided_by     varchar(200),
    check ((status = 'PENDING') = (decided_at is null))
);

create index proposal_by_status on proposal (status, submitted_at);

-- Side effects of a proposal's life, written in the transaction that causes them and delivered by the relay.
create table outbox_event (
    id              uuid primary key,
    proposal_id     uuid          not null references proposal (id),
    kind            varchar(32)   not null check (kind in ('RECEIVED_EMAIL', 'AGENDA_ENTRY', 'DECISION_EMAIL')),
    idempotency_key varchar(200)  not null unique,
    payload         jsonb         not null,
    status          varchar(16)   not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    locked_until    timestamptz,
    last_error      varchar(2000),
    created_at      timestamptz   not null,
    delivered_at    timestamptz
);

create index outbox_event_due on outbox_event (next_attempt_at) where status = 'PENDING';
create index outbox_event_by_proposal on outbox_event (proposal_id);
create index outbox_event_by_kind on outbox_event (kind, created_at);
