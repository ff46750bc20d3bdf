-- Reviews: one per proposal and reviewer (a back-office user), replaced when the reviewer scores again.
create table review (
    proposal_id uuid          not null references proposal (id),
    reviewer    varchar(200)  not null,
    score       smallint      not null check (score between 1 and 5),
    comment     varchar(2000),
    reviewed_at timestamptz   not null,
    primary key (proposal_id, reviewer)
);

-- reviewed=mine|notMine looks a reviewer's reviews up by proposal.
create index review_by_reviewer on review (reviewer, proposal_id);

-- Each proposal's review totals, kept with the proposal in the transaction of every review, so that a
-- listing by score reads an index in its order instead of aggregating every review for every row.
-- score_rank is the exact average, 0 without reviews (below any score: unreviewed proposals come last).
alter table proposal
    add column review_count integer not null default 0 check (review_count >= 0),
    add column score_total  integer not null default 0 check (score_total >= 0),
    add column score_rank   double precision generated always as
        (case when review_count = 0 then 0 else score_total::double precision / review_count end) stored;

create index proposal_by_score on proposal (score_rank desc, submitted_at desc, id);

-- A proposal's history: what happened to it, when and by whom, written in the transaction of what it records
-- (the relay's DELIVERED and FAILED in the very statement that marks the outbox event).
create table proposal_event (
    id          bigint generated always as identity primary key,
    proposal_id uuid          not null,
    type        varchar(16)   not null
        check (type in ('SUBMITTED', 'EDITED', 'REVIEWED', 'DECIDED', 'WITHDRAWN', 'DELIVERED', 'FAILED')),
    at          timestamptz   not null,
    actor       varchar(200)  not null,
    detail      varchar(2000)
);

-- Checked at commit, like the outbox's: a submission's event is written before JPA inserts the proposal.
alter table proposal_event add constraint proposal_event_proposal_id_fkey
    foreign key (proposal_id) references proposal (id) deferrable initially deferred;

create index proposal_event_by_proposal on proposal_event (proposal_id, at, id);

-- Proposals from before the history get theirs from what their columns and delivered outbox events tell.
insert into proposal_event (proposal_id, type, at, actor, detail)
select id, 'SUBMITTED', submitted_at, speaker_name, null from proposal;

insert into proposal_event (proposal_id, type, at, actor, detail)
select id, 'EDITED', edited_at, speaker_name, null from proposal where edited_at is not null;

-- A withdrawn proposal with a decision was approved before (a rejected one cannot be withdrawn).
insert into proposal_event (proposal_id, type, at, actor, detail)
select id, 'DECIDED', decided_at, coalesce(decided_by, 'unknown'),
       case when status = 'WITHDRAWN' then 'APPROVED' else status end
from proposal where decided_at is not null;

insert into proposal_event (proposal_id, type, at, actor, detail)
select id, 'WITHDRAWN', withdrawn_at, speaker_name, null from proposal where withdrawn_at is not null;

insert into proposal_event (proposal_id, type, at, actor, detail)
select proposal_id, 'DELIVERED', delivered_at, 'c4p-service', kind
from outbox_event where status = 'DELIVERED' and delivered_at is not null;
