-- The retention purge looks for delivered events older than the retention period, oldest first.
create index outbox_event_delivered on outbox_event (delivered_at) where status = 'DELIVERED';
