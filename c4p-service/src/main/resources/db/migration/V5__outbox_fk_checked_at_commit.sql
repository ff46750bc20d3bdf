-- The outbox rows are written with plain SQL the moment a side effect is recorded, while the proposal
-- they belong to may still wait in the JPA session until commit: the reference is checked at commit.
alter table outbox_event drop constraint outbox_event_proposal_id_fkey;
alter table outbox_event add constraint outbox_event_proposal_id_fkey
    foreign key (proposal_id) references proposal (id) deferrable initially deferred;
