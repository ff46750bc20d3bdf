-- What a speaker may state besides title and abstract, and the speaker's own changes: edits while
-- pending, a withdrawal (status WITHDRAWN). Existing proposals are talks of no stated level.
alter table proposal
    add column format       varchar(16)   not null default 'TALK' check (format in ('TALK', 'WORKSHOP')),
    add column level        varchar(16)   check (level in ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    add column speaker_bio  varchar(1000),
    add column edited_at    timestamptz,
    add column withdrawn_at timestamptz;

alter table proposal drop constraint proposal_status_check;
alter table proposal add constraint proposal_status_check
    check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'));

-- A decision has its instant; a withdrawn proposal has one if it had been approved before.
alter table proposal drop constraint proposal_check;
alter table proposal add constraint proposal_decided_at_check check (case status
    when 'PENDING' then decided_at is null
    when 'WITHDRAWN' then true
    else decided_at is not null end);
alter table proposal add constraint proposal_withdrawn_at_check
    check ((status = 'WITHDRAWN') = (withdrawn_at is not null));

alter table outbox_event drop constraint outbox_event_kind_check;
alter table outbox_event add constraint outbox_event_kind_check check (kind in
    ('RECEIVED_EMAIL', 'AGENDA_ENTRY', 'DECISION_EMAIL', 'AGENDA_REMOVAL', 'WITHDRAWAL_EMAIL'));
