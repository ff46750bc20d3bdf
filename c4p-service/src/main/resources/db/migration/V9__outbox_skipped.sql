-- An event its receiver answered as no longer needed, doing nothing (an agenda entry of a proposal withdrawn
-- meanwhile, answered 410): SKIPPED in the outbox and in the proposal's history, no longer DELIVERED. Events
-- marked before this migration keep what they were marked.
alter table outbox_event drop constraint outbox_event_status_check;
alter table outbox_event add constraint outbox_event_status_check
    check (status in ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED'));

alter table proposal_event drop constraint proposal_event_type_check;
alter table proposal_event add constraint proposal_event_type_check check (type in
    ('SUBMITTED', 'EDITED', 'REVIEWED', 'DECIDED', 'WITHDRAWN', 'DELIVERED', 'FAILED', 'SKIPPED'));
