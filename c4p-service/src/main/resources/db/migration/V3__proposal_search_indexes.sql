-- Organizer search finds a text anywhere in title, abstract or speaker (lower(x) LIKE '%text%'). Trigram
-- indexes answer such substring patterns without reading every proposal; the planner combines the four
-- with a BitmapOr. pg_trgm ships with PostgreSQL (Debian's server package, the official images) and is
-- a trusted extension, so the database's owner may create it.
create extension if not exists pg_trgm;

create index proposal_title_trgm on proposal using gin (lower(title) gin_trgm_ops);
create index proposal_abstract_trgm on proposal using gin (lower(abstract) gin_trgm_ops);
create index proposal_speaker_name_trgm on proposal using gin (lower(speaker_name) gin_trgm_ops);
create index proposal_speaker_email_trgm on proposal using gin (lower(speaker_email) gin_trgm_ops);

-- Listings are newest first with the id as tie-breaker, optionally of one status: both orders read
-- straight from an index, so a page costs its own rows, not a sort of the whole table.
create index proposal_newest_first on proposal (submitted_at desc, id);
drop index proposal_by_status;
create index proposal_by_status on proposal (status, submitted_at desc, id);
